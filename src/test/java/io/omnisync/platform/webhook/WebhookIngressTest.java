package io.omnisync.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.platform.deadletter.DeadLetter;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.ledger.ChannelLedger;
import io.omnisync.support.SandboxTest;
import io.omnisync.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The signed-webhook ingress end to end: verify, normalise, journal, bus, route, ledger. */
@SandboxTest
class WebhookIngressTest {

    private static final String EVENT = "inventory.source_items.updated";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ChannelLedger ledger;
    @Autowired
    DeadLetters deadLetters;

    Webhooks webhooks;

    @BeforeEach
    void setUp() {
        webhooks = new Webhooks(port);
    }

    @Test
    void shouldJournalASignedWebhookBeforeAnsweringAndProcessItOnce() {
        String body = Webhooks.stockEvent("OS-0003", "us_warehouse", 11, 1_000);

        HttpResponse<String> response = webhooks.magento(EVENT, body, SandboxTest.SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"accepted\"");
        // journalled before the answer: the row exists the moment the 200 arrives
        assertThat(journalRows("OS-0003")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "PROCESSED".equals(journalStatus("OS-0003")));
        assertThat(ledger.find("magento", "source:us_warehouse", "OS-0003")).map(ChannelLedger.Entry::version).contains(1_000L);
        assertThat(ledger.find("magento", "source:us_warehouse", "OS-0003")).map(ChannelLedger.Entry::value).contains("11");
    }

    @Test
    void shouldAnswerARepeatedDeliveryWith200AndNotProcessItAgain() {
        String body = Webhooks.stockEvent("OS-0004", "us_warehouse", 7, 2_000);
        assertThat(webhooks.magento(EVENT, body, SandboxTest.SECRET).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "PROCESSED".equals(journalStatus("OS-0004")));

        HttpResponse<String> repeat = webhooks.magento(EVENT, body, SandboxTest.SECRET);

        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.body()).contains("\"status\":\"duplicate\"").contains("\"duplicates\":1");
        assertThat(journalRows("OS-0004")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bus_message m JOIN journal j ON j.id = m.journal_id "
                + "WHERE j.entity_key = 'OS-0004'", Long.class)).isZero();
        assertThat(metric("omnisync_events_duplicate_total", "system=\"magento\"")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldRejectABadSignatureWith401AndStoreNothing() {
        String body = Webhooks.stockEvent("OS-0005", "us_warehouse", 3, 3_000);
        long before = journalRows("OS-0005"); // this SKU only: the shared context's pollers may journal other changes

        HttpResponse<String> forged = webhooks.magento(EVENT, body, "not-the-secret-0123456789");
        HttpResponse<String> unsigned = webhooks.post("/webhooks/magento/" + EVENT, body.getBytes(StandardCharsets.UTF_8), null);
        String tampered = body.replace("\"quantity\":3", "\"quantity\":300");
        HttpResponse<String> modified = webhooks.post("/webhooks/magento/" + EVENT, tampered.getBytes(StandardCharsets.UTF_8),
                HmacSignatures.hex(SandboxTest.SECRET, body.getBytes(StandardCharsets.UTF_8)));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(modified.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(forged.body()).contains("urn:omnisync:problem:signature").doesNotContain("Exception").doesNotContain(SandboxTest.SECRET);
        assertThat(journalRows("OS-0005")).isEqualTo(before);
    }

    @Test
    void shouldAcceptEveryActiveSecretDuringARotation() {
        String body = Webhooks.stockEvent("OS-0006", "us_warehouse", 4, 4_000);

        assertThat(webhooks.magento(EVENT, body, SandboxTest.ROTATED_SECRET).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerBadInputWithAProblemNamingWhatIsWrong() {
        String deep = "{\"data\":" + "[".repeat(100) + "]".repeat(100) + "}";
        String noSku = "{\"data\":{\"source_code\":\"us_warehouse\",\"quantity\":1,\"status\":1,\"updated_at\":\"2026-11-22 10:00:00\",\"version\":1}}";
        byte[] huge = ("{\"data\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertProblem(webhooks.magento(EVENT, "{not json", SandboxTest.SECRET), 400, "malformed-json");
        assertProblem(webhooks.magento(EVENT, deep, SandboxTest.SECRET), 400, "malformed-json");
        assertProblem(webhooks.magento(EVENT, noSku, SandboxTest.SECRET), 422, "StockChanged.sku is required");
        assertProblem(webhooks.magento("sales.order.exploded", "{}", SandboxTest.SECRET), 404, "sales.order.exploded");
        assertProblem(webhooks.magento(EVENT, "{}", SandboxTest.SECRET), 422, "unmappable");
        assertProblem(webhooks.post("/webhooks/unknown-system/x", "{}".getBytes(StandardCharsets.UTF_8), "00"), 404, "unknown-system");
        assertProblem(webhooks.post("/webhooks/magento/" + EVENT, huge, HmacSignatures.hex(SandboxTest.SECRET, huge)), 413, "too-large");
    }

    @Test
    void shouldDeadLetterAnEventMagentoCannotResolveWithAReasonAnOperatorCanActOn() {
        String body = Webhooks.stockEvent("NO-SUCH-SKU", "us_warehouse", 2, 5_000);

        assertThat(webhooks.magento(EVENT, body, SandboxTest.SECRET).statusCode()).isEqualTo(200);

        // the event itself is recorded; the fan-out, which reads the salable quantity to push, finds no such product
        await().atMost(Duration.ofSeconds(10)).until(() -> "PROCESSED".equals(journalStatus("NO-SUCH-SKU")));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.list(DeadLetters.OPEN, 100).stream()
                .anyMatch(d -> d.entityKey().equals("NO-SUCH-SKU")));
        Optional<DeadLetter> letter = deadLetters.list(DeadLetters.OPEN, 100).stream()
                .filter(d -> d.entityKey().equals("NO-SUCH-SKU")).findFirst();
        assertThat(letter).hasValueSatisfying(d -> {
            assertThat(d.routeId()).isEqualTo("channels-fanout");
            assertThat(d.errorClass()).isEqualTo(ErrorClass.MISSING);
            assertThat(d.reason()).contains("404").contains("NO-SUCH-SKU");
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metric("omnisync_deadletters_open") >= 1);
    }

    @Test
    void shouldDropAStaleStockEventAndCountIt() {
        assertThat(webhooks.magento(EVENT, Webhooks.stockEvent("OS-0008", "eu_warehouse", 9, 6_002), SandboxTest.SECRET)
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "PROCESSED".equals(journalStatus("OS-0008")));

        assertThat(webhooks.magento(EVENT, Webhooks.stockEvent("OS-0008", "eu_warehouse", 1, 6_001), SandboxTest.SECRET)
                .statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM journal WHERE entity_key = 'OS-0008' AND status = 'PROCESSED'", Long.class) == 2);
        assertThat(ledger.find("magento", "source:eu_warehouse", "OS-0008")).map(ChannelLedger.Entry::value).contains("9");
        assertThat(metric("omnisync_events_stale_total", "channel=\"magento\"", "kind=\"source-quantity\""))
                .isGreaterThanOrEqualTo(1);
    }

    private void assertProblem(HttpResponse<String> response, int status, String mentions) {
        assertThat(response).isNotNull();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(response.body()).contains(mentions).doesNotContain("at io.omnisync").doesNotContain("Exception:");
    }

    private long journalRows(String sku) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM journal WHERE entity_key = ?", Long.class, sku);
    }

    private String journalStatus(String sku) {
        return jdbc.query("SELECT status FROM journal WHERE entity_key = ? ORDER BY id DESC", rs -> rs.next() ? rs.getString(1) : null, sku);
    }

    /** The sum of a metric's samples whose labels include all of {@code labels}; -1 when there is none. */
    private double metric(String name, String... labels) {
        String scrape = webhooks.get("/actuator/prometheus").body();
        return scrape.lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .reduce(Double::sum).orElse(-1);
    }
}
