package io.omnisync.platform.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.config.PlatformProperties;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;

/**
 * Leader election on the state database with Spring Integration: a {@link JdbcLockRegistry} over table INT_LOCK
 * (created by Flyway) and a {@link LockRegistryLeaderInitiator} that keeps trying to take, and renews, one lock.
 * Works the same on H2 (one instance: it always leads) and on a PostgreSQL shared by several instances.
 */
@Configuration(proxyBeanMethods = false)
public class LeaderConfiguration {

    @Bean
    DefaultLockRepository leaderLockRepository(DataSource dataSource, PlatformProperties properties) {
        // the client id is random per start: a restarted instance never mistakes its dead predecessor's lock for its own
        DefaultLockRepository repository = new DefaultLockRepository(dataSource, UUID.randomUUID().toString());
        repository.setTimeToLive((int) properties.getLeader().getLockTtl().toMillis());
        return repository;
    }

    @Bean
    JdbcLockRegistry leaderLockRegistry(DefaultLockRepository leaderLockRepository) {
        return new JdbcLockRegistry(leaderLockRepository);
    }

    @Bean
    Leadership leadership(PlatformProperties properties, MeterRegistry registry) {
        String id = properties.getInstanceId().isBlank() ? UUID.randomUUID().toString() : properties.getInstanceId();
        Leadership leadership = new Leadership(id);
        Gauge.builder("omnisync.leader", leadership, l -> l.isLeader() ? 1 : 0)
                .description("1 while this instance is the leader (runs pollers and the outbox relay)").register(registry);
        return leadership;
    }

    @Bean
    LockRegistryLeaderInitiator leaderInitiator(JdbcLockRegistry leaderLockRegistry, Leadership leadership,
                                                PlatformProperties properties) {
        LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(leaderLockRegistry, leadership);
        initiator.setHeartBeatMillis(properties.getLeader().getHeartbeat().toMillis());
        initiator.setBusyWaitMillis(Math.min(500, properties.getLeader().getHeartbeat().toMillis()));
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("leader-election-");
        executor.setDaemon(true);
        initiator.setTaskExecutor(executor);
        return initiator;
    }

    /** The route policy poller routes name: {@code routePolicy: leaderOnly}. */
    @Bean("leaderOnly")
    LeaderRoutePolicy leaderOnly(Leadership leadership) {
        return new LeaderRoutePolicy(leadership);
    }
}
