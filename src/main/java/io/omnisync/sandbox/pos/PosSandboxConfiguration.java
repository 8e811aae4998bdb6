package io.omnisync.sandbox.pos;

import io.omnisync.sandbox.SandboxProperties;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Starts the POS fake with the generated token, subscribes omnisync's POS webhooks once the web server is up (signed
 * for the configured public notification URL, delivered to the loopback port, as behind a reverse proxy) and, with
 * the sandbox demo on, rings up a counter sale every {@code omnisync.sandbox.pos.sale-interval}. Exists only when
 * omnisync.sandbox.enabled=true.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "omnisync.sandbox", name = "enabled", havingValue = "true")
public class PosSandboxConfiguration {

    /** The webhook event types omnisync subscribes to in the POS fake, one subscription (URL) each. */
    static final List<String> EVENT_TYPES = List.of("order.created", "order.updated", "payment.created",
            "payment.updated", "refund.created", "refund.updated");

    private static final Logger LOG = LoggerFactory.getLogger(PosSandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    PosFake posFake(PosSandboxProperties properties) {
        PosFake fake = PosFake.start(PosFakeOptions.defaults().withPort(properties.getPort())
                .withAccessToken(properties.getAccessToken()));
        LOG.info("sandbox: POS fake listening on {}", fake.baseUrl());
        return fake;
    }

    @Bean(destroyMethod = "stop")
    PosSandboxStarter posSandboxStarter(PosFake fake, PosSandboxProperties properties, SandboxProperties sandbox) {
        return new PosSandboxStarter(fake, properties, sandbox);
    }

    /** Subscribes when omnisync is ready and owns the demo's thread. */
    static class PosSandboxStarter {

        private final PosFake fake;
        private final PosSandboxProperties properties;
        private final SandboxProperties sandbox;
        private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

        PosSandboxStarter(PosFake fake, PosSandboxProperties properties, SandboxProperties sandbox) {
            this.fake = fake;
            this.properties = properties;
            this.sandbox = sandbox;
            scheduler.setThreadNamePrefix("sandbox-pos-demo-");
            scheduler.setPoolSize(1);
            scheduler.initialize();
        }

        void stop() {
            scheduler.shutdown();
        }

        @EventListener
        public void onReady(ApplicationReadyEvent event) {
            String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
            for (String type : EVENT_TYPES) {
                fake.webhooks().subscribe(properties.getNotificationUrl() + "/" + type,
                        "http://127.0.0.1:" + port + "/webhooks/pos/" + type, List.of(type), properties.getWebhookSecret());
            }
            if (sandbox.getDemo().isEnabled()) {
                Random random = new Random();
                scheduler.scheduleWithFixedDelay(() -> sale(random), properties.getSaleInterval());
                LOG.info("sandbox: a demo counter sale every {} at the POS fake's Berlin Store", properties.getSaleInterval());
            }
        }

        private void sale(Random random) {
            try {
                fake.orders().demoSale(random);
            } catch (RuntimeException e) {
                LOG.warn("sandbox POS demo sale failed: {}", e.toString());
            }
        }
    }
}
