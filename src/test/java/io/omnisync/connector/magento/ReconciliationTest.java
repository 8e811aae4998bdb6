package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.connector.pos.PosCatalog;
import io.omnisync.connector.pos.PosInventory;
import io.omnisync.platform.audit.AuditLog;
import io.omnisync.platform.reconcile.ReconciliationProperties.Mode;
import io.omnisync.platform.reconcile.ReconciliationRuns;
import io.omnisync.sandbox.amazon.AmazonFake;
import io.omnisync.sandbox.amazon.ListingsBook;
import io.omnisync.sandbox.ebay.EbayFake;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.support.AdminHttp;
import io.omnisync.support.SandboxTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Reconciliation through the admin API against the channel fakes: drift out of band on Amazon, eBay and the POS is
 * reported per account and SKU (and as a metric) without changing anything, repaired on request, a full resync
 * walks the catalogue page by page with its progress, and a run whose instance died resumes from its last page.
 */
@SandboxTest
@TestPropertySource(properties = {
    "omnisync.channels.order-polling.interval=1h",
    "omnisync.connector.magento.polling.enabled=false",
    "omnisync.reconciliation.page-size=7",
    "omnisync.reconciliation.stalled-after=10s",
    "omnisync.channels.bindings[0].channel=amazon",
    "omnisync.channels.bindings[0].account=ATVPDKIKX0DER",
    "omnisync.channels.bindings[0].website=base",
    "omnisync.channels.bindings[0].store-view=default",
    "omnisync.channels.bindings[0].currency=USD",
    "omnisync.channels.bindings[0].safety-buffer=2",
    "omnisync.channels.bindings[1].channel=ebay",
    "omnisync.channels.bindings[1].account=EBAY_US",
    "omnisync.channels.bindings[1].website=base",
    "omnisync.channels.bindings[1].store-view=default",
    "omnisync.channels.bindings[1].currency=USD",
    "omnisync.channels.bindings[2].channel=pos",
    "omnisync.channels.bindings[2].account=L-BERLIN",
    "omnisync.channels.bindings[2].website=eu",
    "omnisync.channels.bindings[2].store-view=eu_de",
    "omnisync.channels.bindings[2].currency=EUR",
    "omnisync.channels.bindings[2].source=berlin_store"
})
class ReconciliationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    MagentoFake magento;
    @Autowired
    AmazonFake amazon;
    @Autowired
    EbayFake ebay;
    @Autowired
    PosCatalog posCatalog;
    @Autowired
    PosInventory posInventory;
    @Autowired
    ReconciliationRuns runs;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MagentoReconciliation reconciliation;
    @Autowired
    MeterRegistry registry;
    @Autowired
    AuditLog audit;

    private AdminHttp admin;

    @BeforeEach
    void quietFanout() {
        admin = new AdminHttp(port);
        // whatever the fan-out still has to push from start-up is pushed before the test makes its drift
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM fanout_pending",
                Integer.class) == 0);
    }

    private int salable(String sku) {
        return magento.store().salableQuantity(sku, 1).intValue();
    }

    private int ebayQuantity(String sku) {
        return ebay.listings().offers(sku, "EBAY_US").get(0).path("availableQuantity").asInt();
    }

    private void ebayDrift(String sku, int quantity) {
        ebay.listings().setOfferQuantity(ebay.listings().offers(sku, "EBAY_US").get(0).path("offerId").asText(), quantity);
    }

    private void amazonDrift(String sku, int quantity) {
        ListingsBook.Offer offer = amazon.listings().offer(sku, "ATVPDKIKX0DER").orElseThrow();
        amazon.listings().put(sku, "drifted " + sku, Map.of("ATVPDKIKX0DER",
                new ListingsBook.Offer(quantity, offer.price(), offer.currency())));
    }

    private BigDecimal posShelf(String sku) {
        String variation = posCatalog.variationIdsBySku(List.of(sku)).get(sku);
        return posInventory.counts(List.of(variation), List.of("L-BERLIN")).stream()
                .filter(c -> "IN_STOCK".equals(c.state())).map(PosInventory.Counted::quantity).findFirst().orElse(BigDecimal.ZERO);
    }

    private void posDrift(String sku, int quantity) {
        String variation = posCatalog.variationIdsBySku(List.of(sku)).get(sku);
        posInventory.setCounts(List.of(new PosInventory.Count(variation, "L-BERLIN", BigDecimal.valueOf(quantity), Instant.now())));
    }

    private ReconciliationRuns.Run requestAndAwait(String mode) throws Exception {
        HttpResponse<String> queued = admin.call("POST", "/admin/reconciliation/runs", "operator", "{\"mode\":\"" + mode + "\"}");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        long id = JSON.readTree(queued.body()).path("id").asLong();
        await().atMost(Duration.ofSeconds(90)).until(() -> !runs.find(id).orElseThrow().active());
        ReconciliationRuns.Run run = runs.find(id).orElseThrow();
        assertThat(run.status()).as(run.failure()).isEqualTo(ReconciliationRuns.Status.DONE);
        return run;
    }

    private JsonNode drift(long run, String channel) throws Exception {
        HttpResponse<String> drift = admin.call("GET", "/admin/reconciliation/runs/" + run + "/drift?channel=" + channel
                + "&limit=1000", "viewer", null);
        assertThat(drift.statusCode()).isEqualTo(200);
        return JSON.readTree(drift.body());
    }

    private static JsonNode bySku(JsonNode drift, String sku) {
        for (JsonNode d : drift) {
            if (sku.equals(d.path("sku").asText())) {
                return d;
            }
        }
        return null;
    }

    @Test
    void shouldReportDriftPerAccountThenRepairIt() throws Exception {
        // the channel fakes are seeded with their own quantities, and the fan-out only pushes changes: a first repair
        // brings every listing in line (a scheduled run does this on a fresh installation)
        requestAndAwait("REPAIR");
        int amazonTruth = Math.max(0, salable("OS-0011") - 2);
        int ebayTruth = salable("OS-0012");
        // the POS location shows its own MSI source
        BigDecimal shelf = magento.store().sourceQuantity("OS-0013", "berlin_store").orElseThrow();
        amazonDrift("OS-0011", amazonTruth + 7);
        ebayDrift("OS-0012", ebayTruth + 5);
        posDrift("OS-0013", shelf.intValue() + 4);

        ReconciliationRuns.Run report = requestAndAwait("report");

        assertThat(report.mode()).isEqualTo(Mode.REPORT);
        assertThat(report.done()).isEqualTo(report.total()).isEqualTo(magento.store().skus().size());
        JsonNode amazonDrift = bySku(drift(report.id(), "amazon"), "OS-0011");
        assertThat(amazonDrift).isNotNull();
        assertThat(amazonDrift.path("expected").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(amazonTruth));
        assertThat(amazonDrift.path("listed").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(amazonTruth + 7));
        assertThat(amazonDrift.path("outcome").asText()).isEqualTo("DRIFT");
        assertThat(bySku(drift(report.id(), "ebay"), "OS-0012").path("listed").asInt()).isEqualTo(ebayTruth + 5);
        assertThat(bySku(drift(report.id(), "pos"), "OS-0013").path("expected").decimalValue()).isEqualByComparingTo(shelf);
        assertThat(bySku(drift(report.id(), "pos"), "OS-0013").path("listed").decimalValue())
                .isEqualByComparingTo(shelf.add(BigDecimal.valueOf(4)));
        assertThat(bySku(drift(report.id(), "ebay"), "OS-0011")).as("in step on eBay").isNull();
        assertThat(registry.get("omnisync.reconciliation.drift").tag("channel", "ebay").tag("account", "EBAY_US").gauge().value())
                .isGreaterThanOrEqualTo(1);
        // a report changes nothing
        assertThat(ebayQuantity("OS-0012")).isEqualTo(ebayTruth + 5);

        JsonNode detail = JSON.readTree(admin.call("GET", "/admin/reconciliation/runs/" + report.id(), "viewer", null).body());
        assertThat(detail.path("accounts")).hasSize(3);
        assertThat(detail.path("run").path("progress").asDouble()).isEqualTo(1.0);

        ReconciliationRuns.Run repair = requestAndAwait("REPAIR");

        assertThat(ebayQuantity("OS-0012")).isEqualTo(ebayTruth);
        assertThat(amazon.listings().offer("OS-0011", "ATVPDKIKX0DER").orElseThrow().quantity()).isEqualTo(amazonTruth);
        assertThat(posShelf("OS-0013")).isEqualByComparingTo(shelf);
        assertThat(bySku(drift(repair.id(), "ebay"), "OS-0012").path("outcome").asText()).isEqualTo("REPAIRED");
        assertThat(audit.latest(20)).anyMatch(e -> e.actor().equals("operator") && e.action().equals("request reconciliation REPAIR")
                && e.result().equals("queued"));

        ReconciliationRuns.Run again = requestAndAwait("REPORT");
        assertThat(runs.accounts(again.id())).allMatch(a -> a.drifted() == 0);
        assertThat(registry.get("omnisync.reconciliation.drift").tag("channel", "ebay").tag("account", "EBAY_US").gauge().value())
                .isZero();
    }

    @Test
    void shouldResyncTheWholeCataloguePageByPageWithItsProgress() throws Exception {
        ebayDrift("OS-0021", 999);
        long searchesBefore = magento.requests("GET", "/V1/products");

        ReconciliationRuns.Run resync = requestAndAwait("RESYNC");

        int skus = magento.store().skus().size();
        assertThat(resync.done()).isEqualTo(resync.total()).isEqualTo(skus);
        assertThat(resync.skusPerSecond()).isPositive();
        // one count, ceil(skus / 7) catalogue pages, one price search per store view and page
        assertThat(magento.requests("GET", "/V1/products") - searchesBefore).isEqualTo(1 + 2L * ((skus + 6) / 7));
        assertThat(ebayQuantity("OS-0021")).isEqualTo(salable("OS-0021"));
        assertThat(runs.accounts(resync.id())).allMatch(a -> a.pushed() + a.refused() == a.checked() && a.checked() > 0);
    }

    @Test
    void shouldResumeARunWhoseInstanceDiedFromItsLastPage() {
        ebayDrift("OS-0003", 555);
        ebayDrift("OS-0045", 556);
        ReconciliationRuns.Requested requested = runs.request(Mode.REPAIR, "operator", "ebay", "EBAY_US");
        long id = requested.run().id();
        // as an instance that finished 35 SKUs and died: RUNNING, checkpoint at entity 35, no heartbeat since
        runs.start(id, magento.store().skus().size());
        runs.progress(id, 35, magento.store().product("all", "OS-0035").orElseThrow().path("id").asLong());
        jdbc.update("UPDATE reconciliation_run SET heartbeat_at = ? WHERE id = ?", Timestamp.from(Instant.now().minusSeconds(60)), id);

        await().atMost(Duration.ofSeconds(60)).until(() -> !runs.find(id).orElseThrow().active());

        ReconciliationRuns.Run run = runs.find(id).orElseThrow();
        assertThat(run.status()).isEqualTo(ReconciliationRuns.Status.DONE);
        assertThat(run.done()).isEqualTo(run.total());
        assertThat(runs.accounts(id)).singleElement().satisfies(a -> assertThat(a.checked()).isEqualTo(run.total() - 35));
        assertThat(ebayQuantity("OS-0045")).as("after the checkpoint: repaired").isEqualTo(salable("OS-0045"));
        assertThat(ebayQuantity("OS-0003")).as("before the checkpoint: not looked at again").isEqualTo(555);
        ebayDrift("OS-0003", salable("OS-0003"));
    }

    @Test
    void shouldRefuseWhatAnOperatorMayNotDoWithAnAnswer() throws Exception {
        assertThat(admin.call("POST", "/admin/reconciliation/runs", "viewer", "{\"mode\":\"REPAIR\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> badMode = admin.call("POST", "/admin/reconciliation/runs", "operator", "{\"mode\":\"fix\"}");
        assertThat(badMode.statusCode()).isEqualTo(400);
        assertThat(badMode.body()).contains("REPORT", "REPAIR", "RESYNC");
        HttpResponse<String> badAccount = admin.call("POST", "/admin/reconciliation/runs", "operator",
                "{\"mode\":\"REPORT\",\"channel\":\"ebay\",\"account\":\"EBAY_XX\"}");
        assertThat(badAccount.statusCode()).isEqualTo(400);
        assertThat(badAccount.body()).contains("EBAY_XX", "omnisync.channels.bindings");

        // a run another instance is working on (fresh heartbeat): a second request is refused, naming it
        ReconciliationRuns.Requested first = runs.request(Mode.REPORT, "operator", null, null);
        runs.start(first.run().id(), 50);
        HttpResponse<String> second = admin.call("POST", "/admin/reconciliation/runs", "operator", "{\"mode\":\"REPORT\"}");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("one run at a time", "\"activeRun\":" + first.run().id());
        HttpResponse<String> cancel = admin.call("POST", "/admin/reconciliation/runs/" + first.run().id() + "/cancel", "operator", null);
        assertThat(cancel.statusCode()).isEqualTo(200);
        assertThat(runs.find(first.run().id()).orElseThrow().status()).isEqualTo(ReconciliationRuns.Status.CANCELLED);
        assertThat(admin.call("POST", "/admin/reconciliation/runs/" + first.run().id() + "/cancel", "operator", null).statusCode())
                .isEqualTo(409);
        assertThat(admin.call("GET", "/admin/reconciliation/runs/999999", "viewer", null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldHandARunBackAtItsCheckpointWhenTheServiceShutsDownAndResumeItThere() {
        ReconciliationRuns.Requested requested = runs.request(Mode.REPORT, "operator", "pos", null);
        long id = requested.run().id();
        runs.start(id, 0); // RUNNING with a fresh heartbeat: the leader's timer leaves it to this test
        reconciliation.stopping(true);
        try {
            ReconciliationRuns.Run handedBack = reconciliation.execute(runs.find(id).orElseThrow());
            assertThat(handedBack.status()).isEqualTo(ReconciliationRuns.Status.RUNNING);
            assertThat(handedBack.heartbeatAt()).as("no heartbeat: resumable at once").isNull();
            assertThat(handedBack.done()).isLessThan(handedBack.total());
        } finally {
            reconciliation.stopping(false);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> !runs.find(id).orElseThrow().active());
        ReconciliationRuns.Run run = runs.find(id).orElseThrow();
        assertThat(run.status()).isEqualTo(ReconciliationRuns.Status.DONE);
        assertThat(run.done()).isEqualTo(run.total());
    }
}
