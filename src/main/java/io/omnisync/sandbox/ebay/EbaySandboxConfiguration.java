package io.omnisync.sandbox.ebay;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the eBay fake on its loopback port with the generated credentials. Exists only when
 * omnisync.sandbox.enabled=true. Demo orders come from {@link EbayOrders#generateOrder}; wiring them into the
 * sandbox's demo schedule is left to the sandbox's owner.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "omnisync.sandbox", name = "enabled", havingValue = "true")
public class EbaySandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EbaySandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    EbayFake ebayFake(EbaySandboxProperties properties) {
        EbayFake fake = EbayFake.start(EbayFakeOptions.defaults().withPort(properties.getPort())
                .withCredentials(properties.getClientId(), properties.getClientSecret(), properties.getRefreshToken())
                .withQuota(properties.getCallsPerMinute(), Duration.ofMinutes(1)));
        LOG.info("sandbox: eBay fake listening on {}", fake.baseUrl());
        return fake;
    }

    /** Places a demo order in the eBay fake every order-interval, only when omnisync.sandbox.demo.enabled=true. */
    @Bean(destroyMethod = "shutdown")
    org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler ebayDemoScheduler(EbayFake fake,
            EbaySandboxProperties properties, io.omnisync.sandbox.SandboxProperties sandbox) {
        var scheduler = new org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("sandbox-ebay-demo-");
        scheduler.setPoolSize(1);
        scheduler.initialize();
        if (sandbox.getDemo().isEnabled()) {
            java.util.Random random = new java.util.Random();
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    fake.orders().generateOrder(random);
                } catch (RuntimeException e) {
                    LOG.warn("sandbox eBay demo order failed: {}", e.toString());
                }
            }, properties.getOrderInterval());
        }
        return scheduler;
    }
}
