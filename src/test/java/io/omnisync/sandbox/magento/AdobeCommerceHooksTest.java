package io.omnisync.sandbox.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.omnisync.sandbox.JsonHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's Adobe Commerce webhooks: Commerce's body shape and signature, replies judged as Commerce does. */
class AdobeCommerceHooksTest {

    record Call(String path, byte[] body, String signature) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final MagentoFake fake = MagentoFake.start(MagentoFakeOptions.defaults());

    AdobeCommerceHooksTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            calls.add(new Call(exchange.getRequestURI().getPath(), exchange.getRequestBody().readAllBytes(),
                    exchange.getRequestHeaders().getFirst(AdobeCommerceHooks.SIGNATURE_HEADER)));
            boolean refuse = exchange.getRequestURI().getPath().endsWith("/refuse");
            byte[] reply = (refuse ? "{\"op\":\"exception\",\"message\":\"no\"}" : "{\"op\":\"success\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        fake.close();
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void shouldSendAProductSaveAsModelDataSignedOverTheBase64BodyWithTheInstancesKey() throws Exception {
        fake.adobeCommerceHooks().subscribe("observer.catalog_product_save_after", url("/product"));

        fake.store().updateProduct("eu_fr", "OS-0010", Map.of("name", "Sac"));

        await().atMost(Duration.ofSeconds(5)).until(() -> fake.adobeCommerceHooks().succeeded() == 1);
        Call call = calls.get(0);
        assertThat(verifies(fake.adobeCommerceHooks().publicKeyPem(), Base64.getEncoder().encode(call.body()), call.signature())).isTrue();
        assertThat(verifies(fake.adobeCommerceHooks().publicKeyPem(), call.body(), call.signature())).as("not over the raw body").isFalse();
        JsonNode body = JsonHttp.MAPPER.readTree(call.body());
        assertThat(body.path("eventName").asText()).isEqualTo("catalog_product_save_after");
        JsonNode product = body.path("data").path("product");
        assertThat(product.path("sku").asText()).isEqualTo("OS-0010");
        assertThat(product.path("name").asText()).isEqualTo("Sac");
        assertThat(product.path("store_id").asInt()).isEqualTo(3);
        assertThat(product.has("store_code")).isFalse();
        assertThat(product.has("custom_attributes")).isFalse();
    }

    @Test
    void shouldCountAnExceptionReplyAsAFailureAndNotRetryIt() {
        fake.adobeCommerceHooks().subscribe("observer.sales_order_place_after", url("/refuse"));

        fake.store().placeOrder("default", Map.of("OS-0001", 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> fake.adobeCommerceHooks().failed() == 1);
        assertThat(fake.adobeCommerceHooks().succeeded()).isZero();
        assertThat(calls).hasSize(1);
        assertThat(fake.adobeCommerceHooks().replies()).singleElement().satisfies(r -> assertThat(r.success()).isFalse());
    }

    @Test
    void shouldAddTheOrdersIncrementIdToAShipmentOrCreditMemo() {
        JsonNode shipment = JsonHttp.nodes().objectNode().put("entity_id", 7).put("order_id", 42);
        JsonNode order = JsonHttp.nodes().objectNode().put("entity_id", 42).put("increment_id", "000000042");

        JsonNode data = AdobeCommerceHooks.modelData("shipment", shipment,
                id -> id == 42 ? Optional.of((com.fasterxml.jackson.databind.node.ObjectNode) order) : Optional.empty());

        assertThat(data.path("order").path("increment_id").asText()).isEqualTo("000000042");
        assertThat(data.path("entity_id").asInt()).isEqualTo(7);
    }

    private static boolean verifies(String publicKeyPem, byte[] signed, String signature) throws Exception {
        String base64 = publicKeyPem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(signed);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }
}
