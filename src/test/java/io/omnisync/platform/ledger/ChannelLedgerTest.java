package io.omnisync.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.platform.H2Plans;
import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.channel.ListingChange;
import io.omnisync.platform.ledger.ChannelLedger.Entry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ChannelLedger")
class ChannelLedgerTest {

    @OnBothDatabases
    @DisplayName("the first record of a (channel, kind, sku) is stored")
    void firstRecordIsStored(Engine engine) {
        try (StateDatabase db = engine.open()) {
            ChannelLedger ledger = new ChannelLedger(db.jdbc(), db.clock());

            assertThat(ledger.find("amazon", "quantity", "OS-0001")).isEmpty();
            assertThat(ledger.record("amazon", "quantity", "OS-0001", "7", 3)).isTrue();

            assertThat(ledger.find("amazon", "quantity", "OS-0001")).contains(new Entry("amazon", "quantity", "OS-0001", "7", 3));
        }
    }

    @OnBothDatabases
    @DisplayName("a newer version replaces the value")
    void newerVersionReplaces(Engine engine) {
        try (StateDatabase db = engine.open()) {
            ChannelLedger ledger = new ChannelLedger(db.jdbc(), db.clock());
            ledger.record("amazon", "quantity", "OS-0001", "7", 3);

            assertThat(ledger.record("amazon", "quantity", "OS-0001", "5", 4)).isTrue();

            assertThat(ledger.find("amazon", "quantity", "OS-0001")).contains(new Entry("amazon", "quantity", "OS-0001", "5", 4));
            assertThat(db.count("channel_ledger")).isEqualTo(1);
        }
    }

    @OnBothDatabases
    @DisplayName("an older or equal version is stale: refused, and the stored value stays")
    void staleVersionsAreDropped(Engine engine) {
        try (StateDatabase db = engine.open()) {
            ChannelLedger ledger = new ChannelLedger(db.jdbc(), db.clock());
            ledger.record("amazon", "quantity", "OS-0001", "7", 3);

            assertThat(ledger.record("amazon", "quantity", "OS-0001", "9", 2)).as("older").isFalse();
            assertThat(ledger.record("amazon", "quantity", "OS-0001", "9", 3)).as("equal").isFalse();

            assertThat(ledger.find("amazon", "quantity", "OS-0001")).contains(new Entry("amazon", "quantity", "OS-0001", "7", 3));
        }
    }

    @OnBothDatabases
    @DisplayName("channels, kinds and skus each have their own ledger row")
    void keysAreIndependent(Engine engine) {
        try (StateDatabase db = engine.open()) {
            ChannelLedger ledger = new ChannelLedger(db.jdbc(), db.clock());
            ledger.record("amazon", "quantity", "OS-0001", "7", 10);

            assertThat(ledger.record("ebay", "quantity", "OS-0001", "1", 1)).isTrue();
            assertThat(ledger.record("amazon", "price", "OS-0001", "19.99", 1)).isTrue();
            assertThat(ledger.record("amazon", "quantity", "OS-0002", "2", 1)).isTrue();

            assertThat(db.count("channel_ledger")).isEqualTo(4);
            assertThat(ledger.find("amazon", "quantity", "OS-0001").map(Entry::value)).contains("7");
        }
    }

    @OnBothDatabases
    @DisplayName("shownQuantities reads what one account shows of many SKUs: never-pushed SKUs, prices and other accounts left out")
    void shownQuantitiesOfManySkus(Engine engine) {
        try (StateDatabase db = engine.open()) {
            ChannelLedger ledger = new ChannelLedger(db.jdbc(), db.clock());
            List<String> skus = IntStream.range(0, 1_200).mapToObj(i -> String.format("OS-%04d", i)).toList();
            db.tx().executeWithoutResult(s -> skus.stream().filter(sku -> !sku.endsWith("7")).forEach(sku ->
                    ledger.recordShown("amazon", "eu", new ListingChange(sku, new BigDecimal(sku.substring(3)), null, null), 1)));
            ledger.recordShown("amazon", "us", new ListingChange("OS-0007", BigDecimal.ONE, null, null), 1);
            ledger.recordShown("ebay", "eu", new ListingChange("OS-0017", BigDecimal.TEN, null, null), 1);
            ledger.recordShown("amazon", "eu", new ListingChange("OS-0027", null, new BigDecimal("9.5"), "EUR"), 1);

            Map<String, String> shown = ledger.shownQuantities("amazon", "eu", skus);

            assertThat(shown).hasSize(1_080).containsEntry("OS-0000", "0").containsEntry("OS-1199", "1199")
                    .doesNotContainKeys("OS-0007", "OS-0017", "OS-0027");
            for (String sku : skus) {
                assertThat(shown.get(sku)).as(sku).isEqualTo(ledger.shownQuantity("amazon", "eu", sku).orElse(null));
            }
            assertThat(ledger.shownQuantities("amazon", "eu", List.of())).isEmpty();
            assertThat(ledger.shownQuantities("amazon", "eu", List.of("OS-0001", "OS-0001"))).containsOnlyKeys("OS-0001");
        }
    }

    @Test
    @DisplayName("shownQuantities looks each SKU up on H2: 10 SKUs read about 10 rows with 5,000 in the account")
    void shownQuantitiesLooksSkusUp() {
        try (StateDatabase db = Engine.H2.open()) {
            ChannelLedger ledger = new ChannelLedger(db.jdbc(), db.clock());
            db.tx().executeWithoutResult(s -> IntStream.range(0, 5_000).forEach(i ->
                    ledger.record("amazon", "qty:eu", "OS-" + i, Integer.toString(i), 1)));
            Object[] args = IntStream.range(4_990, 5_000).boxed()
                    .flatMap(i -> Stream.of("amazon", "qty:eu", "OS-" + i)).toArray();

            H2Plans.Scan scan = H2Plans.explainAnalyze(db.jdbc(), ChannelLedger.valuesSql(10), args);

            assertThat(scan.rows()).as(scan.plan()).isLessThanOrEqualTo(20);
        }
    }
}
