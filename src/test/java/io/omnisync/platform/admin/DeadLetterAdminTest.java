package io.omnisync.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.audit.AuditLog;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.event.OrderLine;
import io.omnisync.platform.event.OrderPlaced;
import io.omnisync.platform.event.PostalAddress;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.support.AdminHttp;
import io.omnisync.support.SandboxTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The dead-letter admin API end to end: an order Magento refuses (out of stock) is dead-lettered, a viewer sees
 * it masked but may not replay, the operator restocks and replays it through the live path, and every action is
 * in the audit log.
 */
@SandboxTest
@TestPropertySource(properties = {
    "omnisync.channels.bindings[0].channel=amazon",
    "omnisync.channels.bindings[0].account=ATVPDKIKX0DER",
    "omnisync.channels.bindings[0].website=base",
    "omnisync.channels.bindings[0].store-view=default",
    "omnisync.channels.bindings[0].currency=USD"
})
class DeadLetterAdminTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    Journal journal;
    @Autowired
    BusSignal signal;
    @Autowired
    MagentoFake fake;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    AuditLog audit;

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return new AdminHttp(port).call(method, path, user, body);
    }

    private long deadLetterFor(String orderId) {
        publish(orderId, "OS-0019");
        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters.search(new DeadLetters.Filter("OPEN", null, null,
                null, "amazon:" + orderId), 1).size() == 1);
        return deadLetters.search(new DeadLetters.Filter("OPEN", null, null, null, "amazon:" + orderId), 1).get(0).id();
    }

    private void publish(String orderId, String sku) {
        publish(orderId, sku, "sam.lee@example.com", "Lee");
    }

    private void publish(String orderId, String sku, String email, String lastName) {
        PostalAddress address = new PostalAddress("Sam", lastName, List.of("1 Main St"), "Austin", "Texas", "78701", "US",
                "+1 512 555 0100");
        OrderPlaced order = new OrderPlaced("amazon", orderId, null, null, "USD", new BigDecimal("17.00"),
                email, List.of(new OrderLine(sku, BigDecimal.ONE, new BigDecimal("12"), new BigDecimal("12"))),
                Instant.parse("2026-11-22T10:00:00Z"), "ATVPDKIKX0DER", address, new BigDecimal("5"), BigDecimal.ZERO);
        journal.append("amazon", List.of(new SourcedEvent("amazon-order:" + orderId, order)));
        signal.wakeUp();
    }

    @Test
    void shouldLetAnOperatorReplayADeadLetterAfterTheFixAndRecordItInTheAuditLog() throws Exception {
        fake.store().setSourceQuantity("OS-0019", "us_warehouse", 0);
        long id = deadLetterFor("114-0000001-0000001");

        HttpResponse<String> listed = call("GET", "/admin/dead-letters?route=orders-channel-to-magento", "viewer", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode letters = JSON.readTree(listed.body());
        assertThat(letters.findValuesAsText("entityKey")).contains("amazon:114-0000001-0000001");
        assertThat(listed.body()).doesNotContain("sam.lee@", "Main St", "Austin").contains("s***@example.com");
        assertThat(call("POST", "/admin/dead-letters/" + id + "/replay", "viewer", null).statusCode()).isEqualTo(403);

        fake.store().setSourceQuantity("OS-0019", "us_warehouse", 10);
        HttpResponse<String> replayed = call("POST", "/admin/dead-letters/" + id + "/replay", "operator", null);

        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replayed.body()).path("result").asText()).isEqualTo("replayed");
        await().atMost(Duration.ofSeconds(15)).until(() -> fake.store().orders().stream()
                .anyMatch(o -> "amazon:114-0000001-0000001".equals(o.path("ext_order_id").asText(null))));
        assertThat(deadLetters.find(id).orElseThrow().status()).isEqualTo(DeadLetters.REPLAYED);
        assertThat(call("POST", "/admin/dead-letters/" + id + "/replay", "operator", null).statusCode())
                .as("a replayed dead letter is not open any more").isEqualTo(409);
        assertThat(audit.latest(20)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("operator");
            assertThat(e.action()).isEqualTo("dead-letter.replay");
            assertThat(e.target()).isEqualTo("dead-letter:" + id);
            assertThat(e.result()).startsWith("replayed");
        }).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("viewer");
            assertThat(e.result()).startsWith("refused");
        });
    }

    @Test
    void shouldLetOnlyAnAdminDiscard() throws Exception {
        fake.store().setSourceQuantity("OS-0019", "us_warehouse", 0);
        long id = deadLetterFor("114-0000002-0000002");

        assertThat(call("POST", "/admin/dead-letters/" + id + "/discard", "operator", "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> discarded = call("POST", "/admin/dead-letters/" + id + "/discard", "admin",
                "{\"reason\":\"cancelled on Amazon\"}");

        assertThat(discarded.statusCode()).isEqualTo(200);
        assertThat(deadLetters.find(id).orElseThrow().status()).isEqualTo(DeadLetters.DISCARDED);
        JsonNode auditLog = JSON.readTree(call("GET", "/admin/audit", "admin", null).body());
        assertThat(auditLog.toString()).contains("dead-letter.discard").contains("cancelled on Amazon");
        assertThat(call("GET", "/admin/audit", "operator", null).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldRefuseStrangersWithAProblemBodyAndKeepManagementEndpointsClosed() throws Exception {
        HttpResponse<String> stranger = call("GET", "/admin/dead-letters", null, null);
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(stranger.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(stranger.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(call("GET", "/admin/dead-letters", "nobody", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/admin/dead-letters?limit=0", "viewer", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/admin/dead-letters?errorClass=BOGUS", "viewer", null).body()).contains("errorClass must be");
        assertThat(call("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/env", "viewer", null).statusCode()).isIn(403, 404);
        assertThat(call("GET", "/actuator/env", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldForgetACustomerInDeadLettersAndTheJournalAndRefuseToReplayWhatWasPurged() throws Exception {
        String canary = "pii-canary-" + java.util.UUID.randomUUID() + "@example.invalid";
        fake.store().setSourceQuantity("OS-0019", "us_warehouse", 0);
        publish("114-0000009-0000001", "OS-0019", canary, "Canarysurname");
        long other = deadLetterFor("114-0000009-0000002");
        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters.search(new DeadLetters.Filter("OPEN", null, null,
                null, "amazon:114-0000009-0000001"), 1).size() == 1);
        long forgotten = deadLetters.search(new DeadLetters.Filter("OPEN", null, null, null, "amazon:114-0000009-0000001"), 1)
                .get(0).id();
        long journalId = deadLetters.find(forgotten).orElseThrow().journalId();
        assertThat(journal.find(journalId).orElseThrow().payload()).contains(canary);

        assertThat(call("POST", "/admin/customers/forget", "operator", "{\"email\":\"" + canary + "\"}").statusCode()).isEqualTo(403);
        assertThat(call("POST", "/admin/customers/forget", "admin", "{\"email\":\"not an address\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> forget = call("POST", "/admin/customers/forget", "admin", "{\"email\":\"" + canary.toUpperCase() + "\"}");

        assertThat(forget.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(forget.body());
        assertThat(result.path("deadLetters").asInt()).isEqualTo(1);
        assertThat(result.path("journalEntries").asInt()).isEqualTo(1);
        assertThat(deadLetters.find(forgotten).orElseThrow().payload()).doesNotContain("pii-canary", "Canarysurname", "Main St")
                .contains("purged");
        assertThat(journal.find(journalId).orElseThrow().payload()).doesNotContain(canary, "Canarysurname", "Main St");
        assertThat(deadLetters.find(other).orElseThrow().payload()).as("another customer's dead letter").contains("s***@example.com");
        HttpResponse<String> replay = call("POST", "/admin/dead-letters/" + forgotten + "/replay", "operator", null);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("forget customer");
        HttpResponse<String> auditLog = call("GET", "/admin/audit", "admin", null);
        assertThat(auditLog.body()).contains("customer.forget").doesNotContainIgnoringCase(canary);
    }
}
