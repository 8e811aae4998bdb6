package io.omnisync.connector.erp;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ERP connector's beans; none exist unless omnisync.connector.erp.enabled=true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "omnisync.connector.erp", name = "enabled", havingValue = "true")
public class ErpConfiguration {

    @Bean
    ErpWebhookSource erpWebhookSource(ErpProperties properties, Clock clock) {
        return new ErpWebhookSource(properties, clock);
    }
}
