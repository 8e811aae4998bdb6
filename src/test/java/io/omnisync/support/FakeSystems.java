package io.omnisync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.sandbox.pos.PosWebhooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Magento and POS fakes in a child JVM of their own ({@link FakeSystemsMain}), with credentials generated here:
 * {@link #omnisyncArgs()} points an omnisync child at them, {@link #sell} rings up POS sales whose webhooks the test
 * then delivers, {@link #magentoOrders()} reads what reached Magento, the final sink, whatever happened to omnisync.
 */
public final class FakeSystems implements AutoCloseable {

    /** The public URL the POS signs (omnisync's webhook URL behind a proxy); the test posts to the loopback port. */
    public static final String POS_NOTIFICATION_URL = "https://omnisync.test.invalid/webhooks/pos";
    /** The Magento store view and MSI source the POS location L-BERLIN is bound to. */
    private static final String BINDING = "--omnisync.channels.bindings[0].";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int magentoPort = ChildService.freePort();
    private final int posPort = ChildService.freePort();
    private final int controlPort = ChildService.freePort();
    private final String consumerKey = secret();
    private final String consumerSecret = secret();
    private final String accessToken = secret();
    private final String accessTokenSecret = secret();
    private final String posToken = secret();
    private final String posWebhookKey = secret();
    private final ChildService child;

    /** One POS sale: its order id and the {@code order.created} event body the POS sends for it. */
    public record Sale(String orderId, byte[] event) {
    }

    /** One Magento order as the fake holds it. */
    public record MagentoOrder(int entityId, String incrementId, String extOrderId, int quoteId, int invoices, int shipments) {
    }

    public FakeSystems(String name) {
        child = ChildService.mainClass(name, controlPort, FakeSystemsMain.class, List.of("control-port=" + controlPort,
                "magento-port=" + magentoPort, "pos-port=" + posPort, "consumer-key=" + consumerKey,
                "consumer-secret=" + consumerSecret, "access-token=" + accessToken,
                "access-token-secret=" + accessTokenSecret, "pos-token=" + posToken), "/ready");
    }

    public FakeSystems start() {
        child.start().awaitReady(Duration.ofSeconds(60));
        return this;
    }

    /** omnisync's connectors pointed at these fakes: Magento (OAuth) and the POS, L-BERLIN bound to eu_de. */
    public List<String> omnisyncArgs() {
        return List.of("--omnisync.outbound.allow-private-networks=true", // the fakes listen on loopback
                "--omnisync.connector.magento.enabled=true",
                "--omnisync.connector.magento.base-url=http://127.0.0.1:" + magentoPort,
                "--omnisync.connector.magento.consumer-key=" + consumerKey,
                "--omnisync.connector.magento.consumer-secret=" + consumerSecret,
                "--omnisync.connector.magento.access-token=" + accessToken,
                "--omnisync.connector.magento.access-token-secret=" + accessTokenSecret,
                "--omnisync.connector.magento.webhook-secrets=" + secret(),
                "--omnisync.connector.pos.enabled=true",
                "--omnisync.connector.pos.base-url=http://127.0.0.1:" + posPort,
                "--omnisync.connector.pos.access-token=" + posToken,
                "--omnisync.connector.pos.webhook-secrets=" + posWebhookKey,
                "--omnisync.connector.pos.notification-urls=" + POS_NOTIFICATION_URL,
                BINDING + "channel=pos", BINDING + "account=L-BERLIN", BINDING + "website=eu",
                BINDING + "store-view=eu_de", BINDING + "currency=EUR", BINDING + "source=berlin_store");
    }

    /** Rings up {@code count} counter sales at the POS (one unit each, SKUs in turn); nothing is delivered yet. */
    public List<Sale> sell(int count) {
        List<Sale> sales = new ArrayList<>();
        for (JsonNode sale : call("POST", "/pos/sales?count=" + count)) {
            sales.add(new Sale(sale.path("orderId").asText(), sale.path("event").asText().getBytes(StandardCharsets.UTF_8)));
        }
        return sales;
    }

    /** The signature the POS sends with an event of this type (x-square-hmacsha256-signature). */
    public String posSignature(String eventType, byte[] body) {
        return PosWebhooks.sign(posWebhookKey, POS_NOTIFICATION_URL + "/" + eventType, body);
    }

    public List<MagentoOrder> magentoOrders() {
        List<MagentoOrder> orders = new ArrayList<>();
        for (JsonNode o : call("GET", "/magento/orders")) {
            orders.add(new MagentoOrder(o.path("entityId").asInt(), o.path("incrementId").asText(),
                    o.path("extOrderId").isNull() ? null : o.path("extOrderId").asText(), o.path("quoteId").asInt(),
                    o.path("invoices").asInt(), o.path("shipments").asInt()));
        }
        return orders;
    }

    /** Magento's maintenance mode: while on, every call omnisync makes to Magento is answered 503. */
    public void magentoMaintenance(boolean on) {
        call("POST", "/magento/maintenance?on=" + on);
    }

    private JsonNode call(String method, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path))
                    .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        child.close();
    }
}
