package io.omnisync.sandbox.ebay;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Settings of an {@link EbayFake}.
 *
 * @param port           TCP port on 127.0.0.1; 0 picks a free one
 * @param clientId       the application's client id the token endpoint accepts
 * @param clientSecret   its client secret
 * @param refreshToken   the seller's refresh token the token endpoint accepts
 * @param tokenLifetime  lifetime of issued access tokens (eBay: 7200 s)
 * @param clock          the fake's time: token expiry, quota windows, order dates
 * @param callsPerWindow calls per API and quota window before the fake answers 429; 0 for no quota
 * @param quotaWindow    length of a quota window (eBay counts per day; the fake's window is short)
 * @param contractDir    folder with the eBay contracts; null uses the classpath copies
 */
public record EbayFakeOptions(int port, String clientId, String clientSecret, String refreshToken, Duration tokenLifetime,
                              Clock clock, int callsPerWindow, Duration quotaWindow, Path contractDir) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A free port, generated credentials, 2-hour tokens, the system clock and 600 calls per API and minute. */
    public static EbayFakeOptions defaults() {
        return new EbayFakeOptions(0, "omnisync-sandbox-" + secret().substring(0, 8), secret(), "v^1.1#r^1#" + secret(),
                Duration.ofHours(2), Clock.systemUTC(), 600, Duration.ofMinutes(1), null);
    }

    public EbayFakeOptions withPort(int newPort) {
        return new EbayFakeOptions(newPort, clientId, clientSecret, refreshToken, tokenLifetime, clock, callsPerWindow,
                quotaWindow, contractDir);
    }

    /** The application credentials and the seller's refresh token the token endpoint accepts. */
    public EbayFakeOptions withCredentials(String id, String secret, String refresh) {
        return new EbayFakeOptions(port, id, secret, refresh, tokenLifetime, clock, callsPerWindow, quotaWindow, contractDir);
    }

    public EbayFakeOptions withTokenLifetime(Duration lifetime) {
        return new EbayFakeOptions(port, clientId, clientSecret, refreshToken, lifetime, clock, callsPerWindow, quotaWindow,
                contractDir);
    }

    public EbayFakeOptions withClock(Clock newClock) {
        return new EbayFakeOptions(port, clientId, clientSecret, refreshToken, tokenLifetime, newClock, callsPerWindow,
                quotaWindow, contractDir);
    }

    /** At most {@code calls} per API in each {@code window}; 0 switches the quota off. */
    public EbayFakeOptions withQuota(int calls, Duration window) {
        return new EbayFakeOptions(port, clientId, clientSecret, refreshToken, tokenLifetime, clock, calls, window,
                contractDir);
    }

    public EbayFakeOptions withContractDir(Path dir) {
        return new EbayFakeOptions(port, clientId, clientSecret, refreshToken, tokenLifetime, clock, callsPerWindow,
                quotaWindow, dir);
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
