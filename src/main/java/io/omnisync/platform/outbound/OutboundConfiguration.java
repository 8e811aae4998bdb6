package io.omnisync.platform.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbound guard every connector's client sends through. */
@Configuration(proxyBeanMethods = false)
public class OutboundConfiguration {

    @Bean
    OutboundCalls outboundCalls(OutboundProperties properties, Clock clock, MeterRegistry registry) {
        return new OutboundCalls(properties, UrlPolicy.Resolver.SYSTEM, clock, registry);
    }

    /** Shown in /actuator/health as "outbound". */
    @Bean("outboundHealthIndicator")
    OutboundHealthIndicator outboundHealthIndicator(OutboundCalls calls) {
        return new OutboundHealthIndicator(calls);
    }
}
