package io.omnisync.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Leader election on the state database (H2 and PostgreSQL), as two instances see it: exactly one leads, a route with
 * the leaderOnly policy runs only there, and when the leader goes the other instance takes over and its route starts.
 * (KafkaClusterIT kills a leader with SIGKILL; here the leader stops, which releases the lock.)
 */
class LeaderElectionTest {

    /** One instance's election: its lock repository, initiator and leader-only route. */
    private static final class Instance implements AutoCloseable {

        final Leadership leadership;
        final LockRegistryLeaderInitiator initiator;
        final CamelContext camel = new DefaultCamelContext();
        final AtomicInteger ticks = new AtomicInteger();

        Instance(StateDatabase db, String name) throws Exception {
            DefaultLockRepository repository = new DefaultLockRepository(db.dataSource(), UUID.randomUUID().toString());
            repository.setTransactionManager(new DataSourceTransactionManager(db.dataSource()));
            repository.setTimeToLive(2_000);
            repository.afterPropertiesSet();
            repository.afterSingletonsInstantiated();
            leadership = new Leadership(name);
            initiator = new LockRegistryLeaderInitiator(new JdbcLockRegistry(repository), leadership);
            initiator.setHeartBeatMillis(200);
            initiator.setBusyWaitMillis(50);
            initiator.setTaskExecutor(new SimpleAsyncTaskExecutor(name + "-election-"));
            camel.getRegistry().bind("leaderOnly", new LeaderRoutePolicy(leadership));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:poll?period=20").routeId("poll").routePolicyRef("leaderOnly").process(e -> ticks.incrementAndGet());
                }
            });
            camel.start();
            initiator.start();
        }

        @Override
        public void close() {
            initiator.stop();
            camel.stop();
        }
    }

    @OnBothDatabases
    void shouldRunTheLeaderOnlyRouteOnOneInstanceAndMoveItWhenTheLeaderGoes(Engine engine) throws Exception {
        try (StateDatabase db = engine.open(); Instance one = new Instance(db, "one"); Instance two = new Instance(db, "two")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> one.leadership.isLeader() || two.leadership.isLeader());
            Instance leader = one.leadership.isLeader() ? one : two;
            Instance follower = leader == one ? two : one;
            await().atMost(Duration.ofSeconds(10)).until(() -> leader.ticks.get() > 5);

            assertThat(follower.leadership.isLeader()).isFalse();
            assertThat(follower.ticks).as("the follower's poller does not run").hasValue(0);

            leader.close();

            await().atMost(Duration.ofSeconds(20)).until(follower.leadership::isLeader);
            await().atMost(Duration.ofSeconds(10)).until(() -> follower.ticks.get() > 5);
        }
    }
}
