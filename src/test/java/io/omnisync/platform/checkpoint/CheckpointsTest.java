package io.omnisync.platform.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import io.omnisync.platform.TestClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Checkpoints")
class CheckpointsTest {

    @OnBothDatabases
    @DisplayName("a poller that never advanced reads no cursor")
    void readsEmptyBeforeFirstAdvance(Engine engine) {
        try (StateDatabase db = engine.open()) {
            Checkpoints checkpoints = new Checkpoints(db.jdbc(), db.clock());

            assertThat(checkpoints.read("magento-orders", "default")).isEmpty();
        }
    }

    @OnBothDatabases
    @DisplayName("the first advance creates the checkpoint, later ones move it forward in place")
    void advanceCreatesThenUpdates(Engine engine) {
        try (StateDatabase db = engine.open()) {
            Checkpoints checkpoints = new Checkpoints(db.jdbc(), db.clock());

            checkpoints.advance("magento-orders", "default", "2025-03-10T08:00:00Z");
            assertThat(checkpoints.read("magento-orders", "default")).contains("2025-03-10T08:00:00Z");

            Instant later = db.clock().advance(Duration.ofMinutes(5));
            checkpoints.advance("magento-orders", "default", "2025-03-10T08:05:00Z");

            assertThat(checkpoints.read("magento-orders", "default")).contains("2025-03-10T08:05:00Z");
            assertThat(db.count("poll_checkpoint")).isEqualTo(1);
            assertThat(db.jdbc().queryForObject("SELECT updated_at FROM poll_checkpoint", Timestamp.class).toInstant())
                    .isEqualTo(later);
            assertThat(TestClock.START).isBefore(later);
        }
    }

    @OnBothDatabases
    @DisplayName("each (poller, scope) has its own cursor")
    void scopesAreIndependent(Engine engine) {
        try (StateDatabase db = engine.open()) {
            Checkpoints checkpoints = new Checkpoints(db.jdbc(), db.clock());

            checkpoints.advance("magento-orders", "default", "a");
            checkpoints.advance("magento-orders", "de", "b");
            checkpoints.advance("magento-stock", "default", "c");

            assertThat(checkpoints.read("magento-orders", "default")).contains("a");
            assertThat(checkpoints.read("magento-orders", "de")).contains("b");
            assertThat(checkpoints.read("magento-stock", "default")).contains("c");
            assertThat(checkpoints.read("magento-stock", "de")).isEmpty();
        }
    }
}
