package io.omnisync.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.TestClock;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.journal.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("DeadLetters")
class DeadLettersTest {

    private static final String PAYLOAD = """
            {"type":"OrderPlaced","channel":"amazon","channelOrderId":"123-456","customerEmail":"jane.doe@example.com",\
            "phone":"+44 20 7946 0958","grandTotal":12.50}""";

    private static JournalEntry entry(long id, String payload) {
        return new JournalEntry(id, "amazon", "evt-" + id, "OrderPlaced", "orders", "amazon:123-456", payload,
                TestClock.START.minus(Duration.ofMinutes(10)));
    }

    @OnBothDatabases
    @DisplayName("a dead letter keeps everything an operator needs, with personal data in payload and reason masked")
    void recordMasksPersonalData(Engine engine) {
        try (StateDatabase db = engine.open()) {
            DeadLetters deadLetters = new DeadLetters(db.jdbc(), db.clock());
            Instant firstFailed = TestClock.START.minus(Duration.ofMinutes(5));

            deadLetters.record("amazon-orders", entry(7, PAYLOAD), ErrorClass.VALUE,
                    "VALUE: customer jane.doe@example.com has no billing address", 3, firstFailed);

            DeadLetter stored = deadLetters.list(DeadLetters.OPEN, 10).get(0);
            assertThat(stored.payload())
                    .doesNotContain("jane.doe@example.com")
                    .doesNotContain("jane.doe")
                    .doesNotContain("7946 0958")
                    .contains("j***@example.com")
                    .contains("\"channelOrderId\":\"123-456\"");
            assertThat(stored.reason()).doesNotContain("jane.doe@example.com").contains("j***@example.com");
            assertThat(db.jdbc().queryForObject("SELECT payload FROM dead_letter", String.class))
                    .as("not in clear in the table either").doesNotContain("jane.doe@example.com");

            assertThat(stored.routeId()).isEqualTo("amazon-orders");
            assertThat(stored.journalId()).isEqualTo(7L);
            assertThat(stored.source()).isEqualTo("amazon");
            assertThat(stored.sourceEventId()).isEqualTo("evt-7");
            assertThat(stored.eventType()).isEqualTo("OrderPlaced");
            assertThat(stored.entityKey()).isEqualTo("amazon:123-456");
            assertThat(stored.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(stored.attempts()).isEqualTo(3);
            assertThat(stored.firstFailedAt()).isEqualTo(firstFailed);
            assertThat(stored.lastFailedAt()).isEqualTo(TestClock.START);
            assertThat(stored.status()).isEqualTo(DeadLetters.OPEN);
        }
    }

    @OnBothDatabases
    @DisplayName("find by id, list newest first up to the limit, and countOpen")
    void findListAndCount(Engine engine) {
        try (StateDatabase db = engine.open()) {
            DeadLetters deadLetters = new DeadLetters(db.jdbc(), db.clock());
            assertThat(deadLetters.countOpen()).isZero();
            assertThat(deadLetters.list(DeadLetters.OPEN, 10)).isEmpty();

            for (long i = 1; i <= 3; i++) {
                deadLetters.record("amazon-orders", entry(i, "{}"), ErrorClass.MISSING, "MISSING: sku", 1, TestClock.START);
                db.clock().advance(Duration.ofSeconds(1));
            }

            List<DeadLetter> newestTwo = deadLetters.list(DeadLetters.OPEN, 2);
            assertThat(newestTwo).extracting(DeadLetter::journalId).containsExactly(3L, 2L);
            assertThat(deadLetters.countOpen()).isEqualTo(3);
            assertThat(deadLetters.list("CLOSED", 10)).isEmpty();

            DeadLetter newest = newestTwo.get(0);
            assertThat(deadLetters.find(newest.id())).contains(newest);
            assertThat(deadLetters.find(newest.id() + 1000)).isEmpty();

            db.jdbc().update("UPDATE dead_letter SET status = 'CLOSED' WHERE id = ?", newest.id());
            assertThat(deadLetters.countOpen()).isEqualTo(2);
        }
    }
}
