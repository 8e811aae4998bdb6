package io.omnisync.platform;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.audit.AuditLog;
import io.omnisync.platform.bus.BusComponent;
import io.omnisync.platform.bus.BusMetrics;
import io.omnisync.platform.bus.BusPublisher;
import io.omnisync.platform.bus.KafkaBus;
import io.omnisync.platform.bus.KafkaRuntime;
import io.omnisync.platform.bus.BusRuntime;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.bus.JdbcBus;
import io.omnisync.platform.checkpoint.Checkpoints;
import io.omnisync.platform.config.PlatformProperties;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.idempotency.IdempotencyKeys;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.ledger.ChannelLedger;
import io.omnisync.platform.mapping.Mappings;
import io.omnisync.platform.metrics.StateGauges;
import io.omnisync.platform.retention.Retention;
import io.omnisync.platform.webhook.Normaliser;
import io.omnisync.platform.webhook.WebhookIngress;
import io.omnisync.platform.webhook.WebhookMetrics;
import io.omnisync.platform.webhook.WebhookSource;
import io.omnisync.platform.xref.CrossReferences;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the platform: state database repositories, the bus, the mappings and the webhook ingress. Transactions use
 * Spring Boot's TransactionTemplate over the state database.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class PlatformConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Tags every metric with this instance's name (omnisync.instance-id, else the host name). */
    @Bean
    MeterRegistryCustomizer<MeterRegistry> instanceTag(PlatformProperties properties) {
        String instance = instanceName(properties);
        return registry -> registry.config().commonTags("instance", instance);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** This instance's name: omnisync.instance-id, else the host name. */
    static String instanceName(PlatformProperties properties) {
        return properties.getInstanceId().isBlank() ? hostName() : properties.getInstanceId();
    }

    @Bean
    BusSignal busSignal() {
        return new BusSignal();
    }

    @Bean
    JdbcBus jdbcBus(JdbcTemplate jdbc, Clock clock) {
        return new JdbcBus(jdbc, clock);
    }

    /** Where the journal queues events: the jdbc bus's queue table, or the kafka bus's outbox. */
    @Bean
    @Primary
    BusPublisher busPublisher(JdbcBus jdbcBus, ObjectProvider<KafkaBus> kafkaBus) {
        KafkaBus kafka = kafkaBus.getIfAvailable();
        return kafka != null ? kafka : jdbcBus;
    }

    @Bean
    Journal journal(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper mapper, BusPublisher busPublisher, Clock clock) {
        return new Journal(jdbc, tx, mapper, busPublisher, clock);
    }

    @Bean
    IdempotencyKeys idempotencyKeys(JdbcTemplate jdbc, Clock clock, PlatformProperties properties) {
        return new IdempotencyKeys(jdbc, clock, properties.getRetention().getIdempotencyKeys());
    }

    @Bean
    CrossReferences crossReferences(JdbcTemplate jdbc, Clock clock) {
        return new CrossReferences(jdbc, clock);
    }

    @Bean
    Checkpoints checkpoints(JdbcTemplate jdbc, Clock clock) {
        return new Checkpoints(jdbc, clock);
    }

    @Bean
    ChannelLedger channelLedger(JdbcTemplate jdbc, Clock clock) {
        return new ChannelLedger(jdbc, clock);
    }

    @Bean
    DeadLetters deadLetters(JdbcTemplate jdbc, Clock clock) {
        return new DeadLetters(jdbc, clock);
    }

    @Bean
    AuditLog auditLog(JdbcTemplate jdbc, Clock clock) {
        return new AuditLog(jdbc, clock);
    }

    @Bean
    io.omnisync.platform.privacy.CustomerErasure customerErasure(JdbcTemplate jdbc, AuditLog audit,
                                                                 org.springframework.transaction.PlatformTransactionManager transactions,
                                                                 Clock clock) {
        return new io.omnisync.platform.privacy.CustomerErasure(jdbc, new io.omnisync.platform.privacy.SubjectKeys(jdbc),
                audit, new org.springframework.transaction.support.TransactionTemplate(transactions), clock);
    }

    @Bean
    io.omnisync.platform.reconcile.ReconciliationRuns reconciliationRuns(JdbcTemplate jdbc, Clock clock) {
        return new io.omnisync.platform.reconcile.ReconciliationRuns(jdbc, clock);
    }

    @Bean
    Retention retention(JdbcTemplate jdbc, Clock clock, PlatformProperties properties) {
        return new Retention(jdbc, clock, properties.getRetention());
    }

    @Bean
    BusMetrics busMetrics(MeterRegistry registry) {
        return new BusMetrics(registry);
    }

    @Bean
    BusRuntime busRuntime(JdbcBus bus, Journal journal, IdempotencyKeys idempotency, DeadLetters deadLetters,
                          TransactionTemplate tx, PlatformProperties properties, BusMetrics metrics, BusSignal signal,
                          Clock clock) {
        return new BusRuntime(bus, journal, idempotency, deadLetters, tx, properties.getBus(), metrics, signal, clock);
    }

    /** The {@code bus:} Camel component, registered under the bean name routes use as URI scheme. */
    @Bean("bus")
    BusComponent busComponent(BusRuntime runtime, ObjectProvider<KafkaRuntime> kafka) {
        return new BusComponent(runtime, kafka.getIfAvailable());
    }

    @Bean
    StateGauges stateGauges(JdbcTemplate jdbc, Clock clock, MeterRegistry registry) {
        return new StateGauges(jdbc, clock, registry);
    }

    @Bean
    Mappings mappings(ProducerTemplate producerTemplate, PlatformProperties properties) {
        return new Mappings(producerTemplate, Path.of(properties.getMappingsLocation()), properties.isMappingsCache());
    }

    /** Runs a mapping and reads canonical events from its output; webhooks and pollers share it. */
    @Bean
    Normaliser normaliser(Mappings mappings, ObjectMapper mapper) {
        return new Normaliser(mappings, mapper);
    }

    @Bean
    WebhookIngress webhookIngress(ObjectProvider<WebhookSource> sources, ObjectMapper mapper, Normaliser normaliser, Journal journal,
                                  BusSignal signal, MeterRegistry registry, PlatformProperties properties) {
        PlatformProperties.Webhooks limits = properties.getWebhooks();
        ObjectMapper limitedReader = mapper.copy();
        limitedReader.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.getMaxNestingDepth())
                .maxStringLength(limits.getMaxStringLength())
                .build());
        return new WebhookIngress(sources.orderedStream().toList(), limitedReader, normaliser, journal, signal,
                new WebhookMetrics(registry));
    }
}
