package io.omnisync.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.platform.Concurrently;
import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("IdempotencyKeys")
class IdempotencyKeysTest {

    private static final Duration RETENTION = Duration.ofDays(1);

    @OnBothDatabases
    @DisplayName("the first claim of a key succeeds, every later one is refused")
    void claimsOnceThenRefuses(Engine engine) {
        try (StateDatabase db = engine.open()) {
            IdempotencyKeys keys = new IdempotencyKeys(db.jdbc(), db.clock(), RETENTION);

            assertThat(keys.seen("route:amazon-stock", "42")).isFalse();
            assertThat(keys.claim("route:amazon-stock", "42")).isTrue();
            assertThat(keys.claim("route:amazon-stock", "42")).isFalse();
            assertThat(keys.claim("route:amazon-stock", "42")).isFalse();

            assertThat(keys.seen("route:amazon-stock", "42")).isTrue();
            assertThat(keys.count("route:amazon-stock")).isEqualTo(1);
        }
    }

    @OnBothDatabases
    @DisplayName("the same key in another scope is a different key")
    void scopesAreIndependent(Engine engine) {
        try (StateDatabase db = engine.open()) {
            IdempotencyKeys keys = new IdempotencyKeys(db.jdbc(), db.clock(), RETENTION);

            assertThat(keys.claim("route:amazon-stock", "42")).isTrue();
            assertThat(keys.claim("route:ebay-stock", "42")).isTrue();

            assertThat(keys.count("route:amazon-stock")).isEqualTo(1);
            assertThat(keys.count("route:ebay-stock")).isEqualTo(1);
        }
    }

    @OnBothDatabases
    @DisplayName("of 10 threads claiming the same key at once, exactly one wins")
    void concurrentClaimsHaveOneWinner(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            IdempotencyKeys keys = new IdempotencyKeys(db.jdbc(), db.clock(), RETENTION);

            List<Boolean> results = Concurrently.run(10, i -> () -> keys.claim("import:amazon", "123-456"));

            assertThat(results).containsOnlyOnce(true);
            assertThat(results).filteredOn(won -> !won).hasSize(9);
            assertThat(keys.count("import:amazon")).isEqualTo(1);
        }
    }

    @OnBothDatabases
    @DisplayName("of 10 transactions claiming the same key at once, exactly one wins and only its claim commits")
    void concurrentClaimsInTransactionsHaveOneWinner(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            IdempotencyKeys keys = new IdempotencyKeys(db.jdbc(), db.clock(), RETENTION);

            List<Boolean> results = Concurrently.run(10,
                    i -> () -> db.tx().execute(status -> keys.claim("import:amazon", "123-456")));

            assertThat(results).containsOnlyOnce(true);
            assertThat(keys.count("import:amazon")).isEqualTo(1);
        }
    }

    @OnBothDatabases
    @DisplayName("purgeExpired deletes only keys past their expiry, and a purged key can be claimed again")
    void purgeDeletesOnlyExpiredKeys(Engine engine) {
        try (StateDatabase db = engine.open()) {
            IdempotencyKeys keys = new IdempotencyKeys(db.jdbc(), db.clock(), RETENTION);
            keys.claim("s", "old");                       // expires at START + 24 h
            db.clock().advance(Duration.ofHours(12));
            keys.claim("s", "young");                     // expires at START + 36 h

            assertThat(keys.purgeExpired()).as("nothing has expired yet").isZero();

            db.clock().advance(Duration.ofHours(12));     // START + 24 h: "old" expires now, not before
            assertThat(keys.purgeExpired()).as("a key is kept up to its expiry instant").isZero();

            db.clock().advance(Duration.ofSeconds(1));
            assertThat(keys.purgeExpired()).isEqualTo(1);
            assertThat(keys.seen("s", "old")).isFalse();
            assertThat(keys.seen("s", "young")).isTrue();

            assertThat(keys.claim("s", "old")).as("a purged key is new again").isTrue();
        }
    }

    @OnBothDatabases
    @DisplayName("a claim that loses to a concurrent transaction returns false and leaves its own transaction usable")
    void losingClaimLeavesTheTransactionUsable(Engine engine) throws Exception {
        try (StateDatabase db = engine.open()) {
            IdempotencyKeys keys = new IdempotencyKeys(db.jdbc(), db.clock(), RETENTION);
            CountDownLatch winnerClaimed = new CountDownLatch(1);
            CountDownLatch commitWinner = new CountDownLatch(1);

            CompletableFuture<Boolean> winner = CompletableFuture.supplyAsync(() -> db.tx().execute(s -> {
                boolean won = keys.claim("import:amazon", "123-456");
                winnerClaimed.countDown();
                awaitLatch(commitWinner);
                return won;
            }));
            awaitLatch(winnerClaimed);
            // The loser does not see the uncommitted key, inserts it and waits on the primary key.
            CompletableFuture<String> loser = CompletableFuture.supplyAsync(() -> db.tx().execute(s -> {
                boolean won = keys.claim("import:amazon", "123-456");
                // the effect's transaction goes on: e.g. it records that the effect was skipped
                db.jdbc().update("INSERT INTO audit_log (actor, action, target, result, at) VALUES ('t', 'skip', 'x', 'ok', ?)",
                        java.sql.Timestamp.from(db.clock().instant()));
                return won ? "won" : "skipped";
            }));
            await().atMost(Duration.ofSeconds(30)).until(() -> db.waitingIn("INSERT INTO idempotency_key") > 0);
            commitWinner.countDown();

            assertThat(winner.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(loser.get(30, TimeUnit.SECONDS)).isEqualTo("skipped");
            assertThat(db.count("audit_log")).isEqualTo(1);
        }
    }

    @OnBothDatabases
    @DisplayName("seenAll answers which keys of a scope are recorded, recordAll records a batch, scopes apart")
    void seenAllAndRecordAll(Engine engine) {
        try (StateDatabase db = engine.open()) {
            IdempotencyKeys keys = new IdempotencyKeys(db.jdbc(), db.clock(), RETENTION);
            db.tx().executeWithoutResult(s -> keys.recordAll("route:a", List.of("1", "2", "3")));
            keys.claim("route:b", "4");

            assertThat(keys.seenAll("route:a", List.of("1", "3", "4", "9"))).containsExactlyInAnyOrder("1", "3");
            assertThat(keys.seenAll("route:b", List.of("1", "4"))).containsExactly("4");
            assertThat(keys.seenAll("route:a", List.of())).isEmpty();
            assertThat(keys.count("route:a")).isEqualTo(3);
            assertThat(keys.claim("route:a", "2")).as("a key recorded in a batch is claimed").isFalse();
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("seenAll looks each key up on H2: 10 keys read about 10 rows with 6,000 recorded in the scope")
    void seenAllLooksKeysUp() {
        try (StateDatabase db = Engine.H2.open()) {
            IdempotencyKeys keys = new IdempotencyKeys(db.jdbc(), db.clock(), RETENTION);
            List<String> recorded = java.util.stream.IntStream.range(0, 6_000).mapToObj(Integer::toString).toList();
            db.tx().executeWithoutResult(s -> keys.recordAll("route:stock", recorded));
            Object[] args = java.util.stream.IntStream.range(5_990, 6_000).boxed()
                    .flatMap(i -> java.util.stream.Stream.of("route:stock", Integer.toString(i))).toArray();

            io.omnisync.platform.H2Plans.Scan scan = io.omnisync.platform.H2Plans.explainAnalyze(db.jdbc(),
                    IdempotencyKeys.seenAllSql(10), args);

            assertThat(scan.rows()).as(scan.plan()).isLessThanOrEqualTo(20);
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released (hang guard)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
