package io.omnisync.platform.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.bus.JdbcBus;
import io.omnisync.platform.config.PlatformProperties;
import io.omnisync.platform.event.StockChanged;
import io.omnisync.platform.journal.AppendResult;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * Reliability matrix row 19: none of omnisync's senders signs a timestamp (Magento async events, Adobe Commerce
 * webhooks and the POS sign the body only), so a captured delivery can be replayed with a valid signature at any
 * time; what makes the replay harmless is event-id dedupe, and that lasts as long as the journal keeps the finished
 * entry (omnisync.retention.journal, default 7 days, at least 3: Stripe retries for 3 days, Square for 72 hours,
 * Adobe I/O for 24 hours, Shopify for 4 hours). The replay is still a duplicate after 6 days of hourly retention runs,
 * and forgotten only past the window.
 */
class DedupeWindowTest {

    /** A Square event id, which every retry of the event repeats. */
    private static final String EVENT_ID = "b3c1f0d2-6a4e-4d0c-9a57-2f1e8e9c4d11";

    @OnBothDatabases
    void shouldAnswerADeliveryReplayedSixDaysLaterAsADuplicateAndForgetItOnlyPastTheRetention(Engine engine) {
        try (StateDatabase db = engine.open()) {
            PlatformProperties.Retention settings = new PlatformProperties().getRetention();
            JdbcBus bus = new JdbcBus(db.jdbc(), db.clock());
            bus.subscribe("stock", "route-a");
            Journal journal = new Journal(db.jdbc(), db.tx(), JsonMapper.builder().findAndAddModules().build(), bus, db.clock());
            Retention retention = new Retention(db.jdbc(), db.clock(), settings);

            long id = deliver(journal, db).journalIds().get(0);
            db.jdbc().update("DELETE FROM bus_message WHERE journal_id = ?", id);
            journal.completeIfLast(id);
            for (int hour = 1; hour <= 6 * 24; hour++) {
                db.clock().advance(Duration.ofHours(1));
                retention.purge();
            }
            AppendResult replayedOnDaySix = deliver(journal, db);
            db.clock().advance(settings.getJournal().minusDays(6).plusHours(1));
            retention.purge();
            AppendResult replayedPastTheWindow = deliver(journal, db);

            assertThat(settings.getJournal()).as("the dedupe window covers Stripe's 3-day retries")
                    .isGreaterThanOrEqualTo(Duration.ofDays(3));
            assertThat(replayedOnDaySix.allDuplicates()).as("a replay on day 6 is a duplicate").isTrue();
            assertThat(replayedOnDaySix.accepted()).isZero();
            assertThat(replayedPastTheWindow.accepted()).as("past the window the key is gone").isEqualTo(1);
        }
    }

    private static AppendResult deliver(Journal journal, StateDatabase db) {
        StockChanged event = new StockChanged("OS-0001", "berlin_store", BigDecimal.ONE, true, 1, db.clock().instant());
        return journal.append("pos", List.of(new SourcedEvent(EVENT_ID, event)));
    }
}
