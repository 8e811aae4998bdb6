package io.omnisync.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.platform.Concurrently;
import io.omnisync.support.SandboxTest;
import io.omnisync.support.Webhooks;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The webhook ingress against what an attacker or a confused sender sends (reliability matrix rows 1, 15 and 20):
 * concurrent copies of one delivery, a re-serialised copy of a signed body, a 10 MB body with and without a length,
 * 10,000 levels of JSON nesting and a string past the limit; the service keeps answering.
 */
@SandboxTest
class WebhookHostileInputTest {

    private static final String EVENT = "inventory.source_items.updated";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Webhooks webhooks;

    @BeforeEach
    void setUp() {
        webhooks = new Webhooks(port);
    }

    @Test
    void shouldJournalOneOfTenConcurrentCopiesOfADeliveryAndAnswerTheOtherNineAsDuplicates() throws Exception {
        String body = Webhooks.stockEvent("OS-0011", "eu_warehouse", 17, 77_001);
        double duplicatesBefore = metric("omnisync_events_duplicate_total");

        List<HttpResponse<String>> answers = Concurrently.run(10, i -> () -> webhooks.magento(EVENT, body, SandboxTest.SECRET));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(answers).filteredOn(r -> r.body().contains("\"status\":\"accepted\"")).hasSize(1);
        assertThat(answers).filteredOn(r -> r.body().contains("\"status\":\"duplicate\"")).hasSize(9);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE source_event_id = 'stock:eu_warehouse:OS-0011@77001'",
                Long.class)).isEqualTo(1);
        assertThat(metric("omnisync_events_duplicate_total") - duplicatesBefore).isEqualTo(9);
    }

    @Test
    void shouldVerifyTheRawBytesSoAReserialisedCopyOfASignedBodyIsRefused() {
        String body = Webhooks.stockEvent("OS-0012", "eu_warehouse", 5, 77_002);
        String signature = HmacSignatures.hex(SandboxTest.SECRET, body.getBytes(StandardCharsets.UTF_8));
        String pretty = body.replace(",", ", ").replace(":", ": ").replace("{", "{\n  ");
        // counted for this SKU only: the shared context's pollers may journal other changes meanwhile
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE entity_key = 'OS-0012'", Long.class);

        HttpResponse<String> reserialised = webhooks.post("/webhooks/magento/" + EVENT, pretty.getBytes(StandardCharsets.UTF_8), signature);
        HttpResponse<String> original = webhooks.post("/webhooks/magento/" + EVENT, body.getBytes(StandardCharsets.UTF_8), signature);

        assertThat(reserialised.statusCode()).as("the same JSON, other bytes").isEqualTo(401);
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE entity_key = 'OS-0012'", Long.class))
                .isEqualTo(before + 1);
    }

    @Test
    void shouldRefuseOversizedDeepAndLongPayloadsWithoutBufferingThemAndKeepAnswering() throws Exception {
        byte[] tenMegabytes = ("{\"data\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        String deep = "{\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String longString = "{\"data\":{\"sku\":\"" + "S".repeat(200_000) + "\"}}";
        Runtime runtime = Runtime.getRuntime();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();

        double tooLargeBefore = metric("omnisync_webhooks_rejected_total", "reason=\"too-large\"");

        int announced = statusBeforeTheBody(tenMegabytes.length);
        int withLength = post(HttpRequest.BodyPublishers.ofByteArray(tenMegabytes), tenMegabytes);
        int chunked = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tenMegabytes)), tenMegabytes);
        HttpResponse<String> nested = webhooks.magento(EVENT, deep, SandboxTest.SECRET);
        HttpResponse<String> tooLong = webhooks.magento(EVENT, longString, SandboxTest.SECRET);
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        HttpResponse<String> afterwards = webhooks.magento(EVENT, Webhooks.stockEvent("OS-0013", "eu_warehouse", 3, 77_003),
                SandboxTest.SECRET);

        System.out.printf("hostile payloads: 10 MB announced, answer read before sending it -> %d, 10 MB with Content-Length -> %d, 10 MB chunked "
                + "-> %d (-1: the connection was closed after the 413, before the sender finished sending), 10,000-deep nesting "
                + "-> %d, 200,000-character string -> %d; heap used %+d MB across them (test and service share this JVM)%n",
                announced, withLength, chunked, nested.statusCode(), tooLong.statusCode(), (heapAfter - heapBefore) / (1024 * 1024));
        assertThat(announced).as("refused before the body is sent").isEqualTo(413);
        // a sender still sending when the 413 comes may see the connection close instead; the service refused all three
        assertThat(List.of(withLength, chunked)).allSatisfy(status -> assertThat(status).isIn(413, -1));
        assertThat(metric("omnisync_webhooks_rejected_total", "reason=\"too-large\"") - tooLargeBefore).isEqualTo(3);
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(nested.body()).contains("malformed-json").doesNotContain("[[[");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("malformed-json").doesNotContain("SSSS");
        assertThat(afterwards.statusCode()).as("still answering").isEqualTo(200);
    }

    /** Posts a signed body; answers the status, or -1 when the service closed the connection without one. */
    /** Sends only the request head announcing {@code length} bytes and reads the status line the service answers. */
    private int statusBeforeTheBody(int length) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /webhooks/magento/" + EVENT + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nx-magento-signature: 00\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private int post(HttpRequest.BodyPublisher publisher, byte[] body) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/magento/" + EVENT))
                    .header("Content-Type", "application/json")
                    .header("x-magento-signature", HmacSignatures.hex(SandboxTest.SECRET, body))
                    .POST(publisher).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private double metric(String name, String... labels) {
        return webhooks.get("/actuator/prometheus").body().lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
