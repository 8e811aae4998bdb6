package io.omnisync.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.ledger.ChannelLedger.Entry;
import org.junit.jupiter.api.DisplayName;

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
}
