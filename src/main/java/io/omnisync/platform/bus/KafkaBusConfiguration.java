package io.omnisync.platform.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.cluster.Leadership;
import io.omnisync.platform.config.PlatformProperties;
import java.time.Clock;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The kafka bus's beans, present when omnisync.bus.kind is kafka. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "omnisync.bus.kind", havingValue = "kafka")
public class KafkaBusConfiguration {

    @Bean
    KafkaBus kafkaBus(JdbcTemplate jdbc, Clock clock, PlatformProperties properties) {
        String instance = properties.getInstanceId().isBlank() ? UUID.randomUUID().toString().substring(0, 8)
                : properties.getInstanceId();
        return new KafkaBus(jdbc, clock, properties.getBus().getKafka(), instance);
    }

    @Bean
    KafkaRuntime kafkaRuntime(KafkaBus kafkaBus, ObjectMapper mapper, MeterRegistry registry) {
        return new KafkaRuntime(kafkaBus, mapper, registry);
    }

    @Bean
    OutboxRelay outboxRelay(KafkaBus kafkaBus, JdbcTemplate jdbc, ObjectMapper mapper, BusSignal signal,
                            Leadership leadership, MeterRegistry registry) {
        return new OutboxRelay(kafkaBus, jdbc, mapper, signal, leadership, registry);
    }
}
