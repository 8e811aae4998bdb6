package io.omnisync.sandbox.amazon;

import io.omnisync.sandbox.SandboxProperties;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Starts the Amazon fake on its loopback port with the generated LWA credentials, and, with the sandbox demo on,
 * places a demo order in it every order-interval. Exists only when omnisync.sandbox.enabled=true.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "omnisync.sandbox", name = "enabled", havingValue = "true")
public class AmazonSandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AmazonSandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    AmazonFake amazonFake(AmazonSandboxProperties properties) {
        AmazonFake fake = AmazonFake.start(AmazonFakeOptions.defaults().withPort(properties.getPort())
                .withCredentials(properties.getClientId(), properties.getClientSecret(), properties.getRefreshToken()));
        LOG.info("sandbox: Amazon SP-API fake listening on {}", fake.baseUrl());
        return fake;
    }

    /** The demo's scheduler; places orders only when omnisync.sandbox.demo.enabled=true. */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskScheduler amazonDemoScheduler(AmazonFake fake, AmazonSandboxProperties properties,
                                                SandboxProperties sandbox) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("sandbox-amazon-demo-");
        scheduler.setPoolSize(1);
        scheduler.initialize();
        if (sandbox.getDemo().isEnabled()) {
            Random random = new Random();
            scheduler.scheduleWithFixedDelay(() -> demoOrder(fake, random), properties.getOrderInterval());
        }
        return scheduler;
    }

    private static void demoOrder(AmazonFake fake, Random random) {
        try {
            FakeOrder order = fake.orders().demoOrder(random);
            LOG.debug("sandbox: Amazon demo order {} is {}", order.amazonOrderId(), order.status());
        } catch (RuntimeException e) {
            LOG.warn("sandbox Amazon demo order failed: {}", e.toString());
        }
    }
}
