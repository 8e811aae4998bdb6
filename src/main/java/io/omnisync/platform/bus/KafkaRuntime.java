package io.omnisync.platform.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;

/** What the kafka bus's consumers need beside {@link BusRuntime}. */
public record KafkaRuntime(KafkaBus bus, ObjectMapper mapper, MeterRegistry registry) {
}
