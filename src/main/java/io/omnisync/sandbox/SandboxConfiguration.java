package io.omnisync.sandbox;

import io.omnisync.sandbox.magento.MagentoDemoTraffic;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.sandbox.magento.MagentoFakeOptions;
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
 * Starts the in-process fakes on loopback ports, subscribes omnisync's webhook URLs once the web server is up,
 * and drives the demo traffic. Exists only when omnisync.sandbox.enabled=true.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "omnisync.sandbox", name = "enabled", havingValue = "true")
public class SandboxConfiguration {

    /** The async-events omnisync subscribes to in the Magento fake. */
    static final List<String> MAGENTO_EVENTS = List.of("inventory.source_items.updated", "catalog.product.updated",
            "sales.order.created", "sales.order.updated", "sales.shipment.created", "sales.creditmemo.created");

    /** The Adobe Commerce webhook methods omnisync is subscribed to in the Magento fake (both dialects run side by side). */
    static final List<String> ADOBE_COMMERCE_HOOKS = List.of("observer.catalog_product_save_after",
            "observer.sales_order_place_after", "observer.sales_order_save_after",
            "observer.sales_order_shipment_save_after", "observer.sales_order_creditmemo_save_after");

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    MagentoFake magentoFake(SandboxProperties properties) {
        SandboxProperties.Magento magento = properties.getMagento();
        MagentoFake fake = MagentoFake.start(MagentoFakeOptions.defaults()
                .withPort(magento.getPort())
                .withOAuth(new MagentoFakeOptions.OAuth(magento.getConsumerKey(), magento.getConsumerSecret(),
                        magento.getAccessToken(), magento.getAccessTokenSecret()))
                .withInputLimitsEnabled(magento.isInputLimitsEnabled()));
        if (magento.getAdobeCommercePrivateKey() != null) {
            fake.adobeCommerceHooks().useKey(magento.getAdobeCommercePrivateKey());
        }
        LOG.info("sandbox: Magento fake listening on {}", fake.baseUrl());
        return fake;
    }

    @Bean(destroyMethod = "stop")
    SandboxStarter sandboxStarter(MagentoFake magento, SandboxProperties properties) {
        return new SandboxStarter(magento, properties);
    }

    /** Subscribes and starts the demo when omnisync is ready; owns the demo's thread. */
    static class SandboxStarter {

        private final MagentoFake magento;
        private final SandboxProperties properties;
        private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

        SandboxStarter(MagentoFake magento, SandboxProperties properties) {
            this.magento = magento;
            this.properties = properties;
            scheduler.setThreadNamePrefix("sandbox-demo-");
            scheduler.setPoolSize(1);
            scheduler.initialize();
        }

        void stop() {
            scheduler.shutdown();
        }

        /** Subscribes once omnisync is ready, as a merchant would point Magento at a running service. */
        @EventListener
        public void onReady(ApplicationReadyEvent event) {
            int port = Integer.parseInt(event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080"));
            for (String name : MAGENTO_EVENTS) {
                magento.subscribe(name, "http://127.0.0.1:" + port + "/webhooks/magento/" + name,
                        properties.getMagento().getWebhookSecret());
            }
            LOG.info("sandbox: admin API on http://127.0.0.1:{}/admin/dead-letters (HTTP Basic; unless omnisync.admin.users "
                    + "is configured, user admin with the generated password in {})", port, properties.getAdminPasswordFile());
            if (properties.getMagento().isAdobeCommerceWebhooks()) {
                for (String hook : ADOBE_COMMERCE_HOOKS) {
                    magento.adobeCommerceHooks().subscribe(hook, "http://127.0.0.1:" + port + "/webhooks/adobe-commerce/" + hook);
                }
            }
            if (properties.getDemo().isEnabled()) {
                MagentoDemoTraffic traffic = new MagentoDemoTraffic(magento, new Random());
                scheduler.scheduleWithFixedDelay(() -> tick(traffic), properties.getDemo().getInterval());
                LOG.info("sandbox: demo traffic every {} into the Magento fake; watch http://127.0.0.1:{}/actuator/prometheus",
                        properties.getDemo().getInterval(), port);
            }
        }

        private static void tick(MagentoDemoTraffic traffic) {
            try {
                traffic.tick();
            } catch (RuntimeException e) {
                LOG.warn("sandbox demo traffic step failed: {}", e.toString());
            }
        }
    }
}
