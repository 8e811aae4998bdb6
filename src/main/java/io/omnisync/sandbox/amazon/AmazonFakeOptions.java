package io.omnisync.sandbox.amazon;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of an {@link AmazonFake}.
 *
 * @param port               TCP port on 127.0.0.1; 0 picks a free one
 * @param clientId           the LWA client id the token endpoint accepts
 * @param clientSecret       the LWA client secret the token endpoint accepts
 * @param refreshToken       the refresh token the token endpoint accepts
 * @param sellerId           the seller whose listings the fake holds
 * @param tokenLifetime      how long issued access tokens live (Amazon: 1 hour)
 * @param clock              time of the fake: token expiry, usage plans, order dates
 * @param usagePlans         per-operation plan overrides (operationId to {rate, burst}); others come from the contract
 * @param orderItemsPageSize order items per getOrderItems page
 * @param contractDir        folder with the model files; null uses the classpath copy
 */
public record AmazonFakeOptions(int port, String clientId, String clientSecret, String refreshToken, String sellerId,
                                Duration tokenLifetime, Clock clock, Map<String, Plan> usagePlans, int orderItemsPageSize,
                                Path contractDir) {

    /** A usage plan: requests per second and bucket size. */
    public record Plan(double rate, int burst) {
    }

    /** The seller id of the default options. */
    public static final String SELLER_ID = "A2OMNISYNCSELLER";

    public static AmazonFakeOptions defaults() {
        return new AmazonFakeOptions(0, "amzn1.application-oa2-client.omnisync", "fake-client-secret-0123456789",
                "Atzr|fake-refresh-token-0123456789", SELLER_ID, Duration.ofHours(1), Clock.systemUTC(), Map.of(), 10, null);
    }

    public AmazonFakeOptions withPort(int newPort) {
        return new AmazonFakeOptions(newPort, clientId, clientSecret, refreshToken, sellerId, tokenLifetime, clock,
                usagePlans, orderItemsPageSize, contractDir);
    }

    /** The LWA credentials the fake accepts. */
    public AmazonFakeOptions withCredentials(String newClientId, String newClientSecret, String newRefreshToken) {
        return new AmazonFakeOptions(port, newClientId, newClientSecret, newRefreshToken, sellerId, tokenLifetime, clock,
                usagePlans, orderItemsPageSize, contractDir);
    }

    public AmazonFakeOptions withSellerId(String newSellerId) {
        return new AmazonFakeOptions(port, clientId, clientSecret, refreshToken, newSellerId, tokenLifetime, clock,
                usagePlans, orderItemsPageSize, contractDir);
    }

    public AmazonFakeOptions withClock(Clock newClock) {
        return new AmazonFakeOptions(port, clientId, clientSecret, refreshToken, sellerId, tokenLifetime, newClock,
                usagePlans, orderItemsPageSize, contractDir);
    }

    public AmazonFakeOptions withUsagePlans(Map<String, Plan> plans) {
        return new AmazonFakeOptions(port, clientId, clientSecret, refreshToken, sellerId, tokenLifetime, clock,
                Map.copyOf(plans), orderItemsPageSize, contractDir);
    }

    public AmazonFakeOptions withOrderItemsPageSize(int size) {
        return new AmazonFakeOptions(port, clientId, clientSecret, refreshToken, sellerId, tokenLifetime, clock,
                usagePlans, size, contractDir);
    }

    /** Validates against the model files in this folder instead of the classpath copy. */
    public AmazonFakeOptions withContractDir(Path dir) {
        return new AmazonFakeOptions(port, clientId, clientSecret, refreshToken, sellerId, tokenLifetime, clock,
                usagePlans, orderItemsPageSize, dir);
    }
}
