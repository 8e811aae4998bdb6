package io.omnisync.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.event.OrderLine;
import io.omnisync.platform.event.OrderPlaced;
import io.omnisync.platform.event.PostalAddress;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import io.omnisync.platform.webhook.HmacSignatures;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.support.SandboxTest;
import io.omnisync.support.Webhooks;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Canary personal data and canary secrets driven through the failure paths (reliability matrix rows 26 and 27): an
 * order Magento refuses (permanent) and one that meets Magento in maintenance until the retries are spent
 * (transient), both carrying a canary customer, end as dead letters; refused webhooks (bad signature, broken JSON,
 * unmappable) carry the same canary. The secrets of every connector are canaries too. Then the captured log (from
 * before this context started), the dead-letter table, the admin API, the problem bodies and the actuator endpoints
 * are searched: no canary may appear anywhere.
 */
@SandboxTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
    "omnisync.sandbox.magento.consumer-secret=" + CanaryLeakTest.SECRET_CANARY + "-magento-consumer",
    "omnisync.sandbox.magento.access-token-secret=" + CanaryLeakTest.SECRET_CANARY + "-magento-token",
    "omnisync.sandbox.pos.access-token=" + CanaryLeakTest.SECRET_CANARY + "-pos-token",
    "omnisync.sandbox.pos.webhook-secret=" + CanaryLeakTest.SECRET_CANARY + "-pos-webhook",
    "omnisync.sandbox.amazon.client-secret=" + CanaryLeakTest.SECRET_CANARY + "-amazon",
    "omnisync.sandbox.ebay.client-secret=" + CanaryLeakTest.SECRET_CANARY + "-ebay"
})
class CanaryLeakTest {

    static final String SECRET_CANARY = "secretcanary7f3a9c";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String EMAIL = "pii-canary-" + RUN + "@example.invalid";
    private static final String PHONE = "+49 30 9137 4462";
    private static final String LASTNAME = "Canarylast" + RUN;
    private static final String STREET = "Canarystrasse " + RUN;
    private static final String CITY = "Canaryville" + RUN;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    Journal journal;
    @Autowired
    BusSignal signal;
    @Autowired
    MagentoFake magento;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldRenderNoCanaryPersonalDataOrSecretOnAnyFailurePath(CapturedOutput output) throws Exception {
        List<String> seen = new ArrayList<>();
        // permanent: the EU store view does not sell OS-0047
        deadLetter("302-0000047-" + RUN, "OS-0047");
        // transient: Magento answers 503 to every call until the bus gives up (max-attempts 3 in tests)
        magento.maintenance(true);
        try {
            deadLetter("302-0000002-" + RUN, "OS-0002");
        } finally {
            magento.maintenance(false);
        }
        Webhooks webhooks = new Webhooks(port);
        String order = "{\"data\":{\"entity_id\":990001,\"customer_email\":\"" + EMAIL
                + "\",\"billing_address\":{\"lastname\":\"" + LASTNAME + "\",\"street\":[\"" + STREET + "\"],\"city\":\""
                + CITY + "\",\"telephone\":\"" + PHONE + "\"}";
        seen.add(status(webhooks.magento("sales.order.created", order, "a-forged-secret-0123456789")));
        seen.add(status(webhooks.magento("sales.order.created", order + ",\"broken\":", SandboxTest.SECRET)));
        seen.add(status(webhooks.magento("sales.order.created", order + "}}", SandboxTest.SECRET)));
        seen.add(webhooks.post("/webhooks/pos/order.created", order.getBytes(StandardCharsets.UTF_8),
                "x-square-hmacsha256-signature", HmacSignatures.hex(SandboxTest.SECRET, new byte[0])).body());
        for (String path : List.of("/admin/dead-letters?limit=100", "/actuator/prometheus", "/actuator/health",
                "/actuator/env", "/actuator/configprops", "/actuator/camelroutes", "/actuator/loggers")) {
            seen.add(path + " -> " + get(path, "admin").body());
        }
        for (var letter : deadLetters.list(DeadLetters.OPEN, 100)) {
            seen.add(get("/admin/dead-letters/" + letter.id(), "admin").body());
        }
        seen.add(jdbc.queryForList("SELECT * FROM dead_letter").toString());

        Map<String, Integer> found = occurrences(output.getAll() + String.join("\n", seen));
        System.out.printf("canaries found in the log (%d characters), %d answers and the dead-letter table: %s%n",
                output.getAll().length(), seen.size(), found);
        assertThat(seen).as("the answers were read").hasSizeGreaterThan(10);
        assertThat(output.getAll()).as("the log holds the start-up and the failures")
                .contains("sandbox: Magento fake listening", "rejected with 401", "rejected with 400", "rejected with 422");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Long.class)).as("both orders dead-lettered").isEqualTo(2);
        // the checker finds the canaries where they belong: the journal keeps the order for its import
        assertThat(occurrences(jdbc.queryForList("SELECT payload FROM journal", String.class).toString()))
                .as("canaries in the journal, which keeps what the import needs").containsEntry("email", 2).containsEntry("street", 2);
        assertThat(found).as("occurrences of each canary").allSatisfy((label, n) -> assertThat(n).as(label).isZero());
    }

    /** Journals an Amazon order of one SKU with the canary customer and waits for its dead letter. */
    private void deadLetter(String orderId, String sku) {
        PostalAddress address = new PostalAddress("Canaryfirst", LASTNAME, List.of(STREET), CITY, null, "10999", "DE", PHONE);
        OrderPlaced order = new OrderPlaced("amazon", orderId, null, null, "EUR", new BigDecimal("25.00"), EMAIL,
                List.of(new OrderLine(sku, BigDecimal.ONE, new BigDecimal("20"), new BigDecimal("20"))),
                Instant.parse("2026-11-22T10:00:00Z"), "A1PA6795UKMFR9", address, new BigDecimal("5"), BigDecimal.ZERO);
        journal.append("amazon", List.of(new SourcedEvent("amazon-order:" + orderId, order)));
        signal.wakeUp();
        await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters.search(new DeadLetters.Filter("OPEN", null, null, null,
                "amazon:" + orderId), 1).isEmpty());
    }

    /** Occurrences per canary, by label (the canaries themselves are not printed). */
    private static Map<String, Integer> occurrences(String text) {
        Map<String, String> canaries = new LinkedHashMap<>();
        canaries.put("email", EMAIL);
        canaries.put("email local part", "pii-canary-" + RUN);
        canaries.put("phone", PHONE);
        canaries.put("phone without spaces", PHONE.replace(" ", ""));
        canaries.put("last name", LASTNAME);
        canaries.put("first name", "Canaryfirst");
        canaries.put("street", STREET);
        canaries.put("city", CITY);
        canaries.put("connector secrets", SECRET_CANARY);
        canaries.put("webhook secret", SandboxTest.SECRET);
        canaries.put("rotated webhook secret", SandboxTest.ROTATED_SECRET);
        canaries.put("admin password", SandboxTest.ADMIN_PASSWORD);
        Map<String, Integer> found = new LinkedHashMap<>();
        canaries.forEach((label, canary) -> found.put(label, text.split(java.util.regex.Pattern.quote(canary), -1).length - 1));
        return found;
    }

    private static String status(HttpResponse<String> response) {
        return response.statusCode() + " " + response.body();
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        String credentials = user + ":" + SandboxTest.ADMIN_PASSWORD;
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
