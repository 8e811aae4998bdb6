package io.omnisync.platform.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases;
import io.omnisync.platform.reconcile.ReconciliationProperties.Mode;
import io.omnisync.platform.reconcile.ReconciliationRuns.Requested;
import io.omnisync.platform.reconcile.ReconciliationRuns.Status;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One reconciliation run at a time, on both state databases: a request while one is active is answered with it, two
 * requests at the same moment queue one run between them, and a finished or cancelled run makes room for the next.
 */
class ReconciliationRunsTest {

    private static final String INSERT = "INSERT INTO reconciliation_run";

    @ParameterizedTest
    @MethodSource("io.omnisync.platform.StateDatabases#engines")
    void aRequestWhileARunIsActiveIsAnsweredWithThatRun(StateDatabases.Engine engine) {
        try (StateDatabase db = engine.open()) {
            ReconciliationRuns runs = new ReconciliationRuns(db.jdbc(), db.clock());
            Requested first = db.tx().execute(s -> runs.request(Mode.REPORT, "operator", null, null));
            Requested second = db.tx().execute(s -> runs.request(Mode.REPAIR, "schedule", null, null));

            assertThat(first.queued()).isTrue();
            assertThat(second.queued()).isFalse();
            assertThat(second.run().id()).isEqualTo(first.run().id());
            assertThat(second.run().mode()).isEqualTo(Mode.REPORT);
            assertThat(db.count("reconciliation_run")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.omnisync.platform.StateDatabases#engines")
    void twoRequestsAtTheSameMomentQueueOneRun(StateDatabases.Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            ReconciliationRuns runs = new ReconciliationRuns(db.jdbc(), db.clock());
            CountDownLatch firstInserted = new CountDownLatch(1);
            CountDownLatch commitFirst = new CountDownLatch(1);
            CompletableFuture<Requested> first = CompletableFuture.supplyAsync(() -> db.tx().execute(s -> {
                Requested r = runs.request(Mode.REPORT, "operator", null, null);
                firstInserted.countDown();
                waitFor(commitFirst);
                return r;
            }));
            assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
            // the second request looks while the first is inserted but not committed: it sees no active run, so only
            // the unique key stops it from queuing a second one
            CompletableFuture<Requested> second = CompletableFuture.supplyAsync(() -> db.tx().execute(s ->
                    runs.request(Mode.REPAIR, "schedule", null, null)));
            await().atMost(Duration.ofSeconds(30)).until(() -> db.waitingIn(INSERT) > 0);
            commitFirst.countDown();

            Requested won = first.get(30, TimeUnit.SECONDS);
            Requested lost = second.get(30, TimeUnit.SECONDS);
            assertThat(won.queued()).isTrue();
            assertThat(lost.queued()).as("answered with the run queued first").isFalse();
            assertThat(lost.run().id()).isEqualTo(won.run().id());
            assertThat(db.jdbc().queryForList("SELECT mode FROM reconciliation_run", String.class)).containsExactly("REPORT");
        }
    }

    @ParameterizedTest
    @MethodSource("io.omnisync.platform.StateDatabases#engines")
    void aFinishedOrCancelledRunMakesRoomForTheNext(StateDatabases.Engine engine) {
        try (StateDatabase db = engine.open()) {
            ReconciliationRuns runs = new ReconciliationRuns(db.jdbc(), db.clock());
            long done = runs.request(Mode.REPORT, "operator", null, null).run().id();
            runs.start(done, 10);
            runs.finish(done, Status.DONE, null);
            Requested afterDone = runs.request(Mode.REPAIR, "operator", null, null);
            runs.cancel(afterDone.run().id());
            Requested afterCancel = runs.request(Mode.RESYNC, "operator", "ebay", "EBAY_US");
            runs.start(afterCancel.run().id(), 10);
            runs.finish(afterCancel.run().id(), Status.FAILED, "Magento answered 500");
            Requested afterFailed = runs.request(Mode.REPORT, "schedule", null, null);

            assertThat(List.of(afterDone, afterCancel, afterFailed)).allMatch(Requested::queued);
            assertThat(db.jdbc().queryForList("SELECT status FROM reconciliation_run ORDER BY id", String.class))
                    .containsExactly("DONE", "CANCELLED", "FAILED", "QUEUED");
            assertThat(runs.active().map(ReconciliationRuns.Run::id)).contains(afterFailed.run().id());
        }
    }

    @ParameterizedTest
    @MethodSource("io.omnisync.platform.StateDatabases#engines")
    void upgradeKeepsTheOldestOfRunsQueuedTwiceAndCancelsTheOthers(StateDatabases.Engine engine) {
        try (StateDatabase db = engine.openAt("33")) {
            JdbcTemplate jdbc = db.jdbc();
            Timestamp at = Timestamp.from(Instant.parse("2026-12-04T12:00:00Z"));
            for (String status : List.of("DONE", "RUNNING", "QUEUED", "QUEUED")) {
                jdbc.update("INSERT INTO reconciliation_run (mode, status, requested_by, requested_at) VALUES "
                        + "('REPORT', ?, 'schedule', ?)", status, at);
            }

            StateDatabases.migrate(db);

            assertThat(jdbc.query("SELECT status, active, failure FROM reconciliation_run ORDER BY id",
                    (rs, i) -> rs.getString(1) + " " + rs.getObject(2) + " " + (rs.getString(3) != null)))
                    .containsExactly("DONE null false", "RUNNING 1 false", "CANCELLED null true", "CANCELLED null true");
            ReconciliationRuns runs = new ReconciliationRuns(jdbc, db.clock());
            assertThat(runs.request(Mode.REPAIR, "operator", null, null).queued()).isFalse();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the first request");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
