package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.ledger.ChannelLedger;
import io.omnisync.platform.outbound.OutboundCalls;
import io.omnisync.platform.xref.CrossReferences;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.channel.ChannelBindings;
import io.omnisync.platform.idempotency.IdempotencyKeys;
import io.omnisync.platform.checkpoint.Checkpoints;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.webhook.Normaliser;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The Magento connector's beans; none exist unless omnisync.connector.magento.enabled=true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "omnisync.connector.magento", name = "enabled", havingValue = "true")
public class MagentoConfiguration {

    @Bean
    MagentoClient magentoClient(MagentoProperties properties, ObjectMapper mapper, OutboundCalls outbound) {
        return new MagentoClient(properties, mapper, outbound);
    }

    @Bean
    MagentoStores magentoStores(MagentoClient client, Clock clock) {
        return new MagentoStores(client, clock);
    }

    @Bean
    MagentoWebhookSource magentoWebhookSource(MagentoProperties properties, MagentoStores stores) {
        return new MagentoWebhookSource(properties, stores);
    }

    /** Answers at /webhooks/adobe-commerce/... only when public keys are configured. */
    @Bean
    @Conditional(AdobeCommerceKeysConfigured.class)
    AdobeCommerceWebhookSource adobeCommerceWebhookSource(MagentoProperties properties, MagentoStores stores) {
        return new AdobeCommerceWebhookSource(properties, stores);
    }

    /** Shown in /actuator/health as "magento". */
    @Bean("magentoHealthIndicator")
    MagentoHealthIndicator magentoHealthIndicator(MagentoClient client, MagentoProperties properties) {
        return new MagentoHealthIndicator(client, properties);
    }

    @Bean
    MagentoLedger magentoLedger(MagentoClient client, ChannelLedger ledger, MeterRegistry registry) {
        return new MagentoLedger(client, ledger, registry);
    }


    @Bean
    MagentoCatalog magentoCatalog(MagentoClient client, MagentoProperties properties) {
        return new MagentoCatalog(client, properties);
    }

    @Bean
    MagentoInventory magentoInventory(MagentoClient client, MagentoProperties properties) {
        return new MagentoInventory(client, properties);
    }

    @Bean
    MagentoCustomers magentoCustomers(MagentoClient client) {
        return new MagentoCustomers(client);
    }

    /** Carts are recorded in a transaction of their own, committed before their order is placed. */
    @Bean
    MagentoOrders magentoOrders(MagentoClient client, MagentoProperties properties, CrossReferences crossReferences,
                                PlatformTransactionManager transactions) {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new MagentoOrders(client, properties, crossReferences, own);
    }

    @Bean
    MagentoPoller magentoPoller(MagentoCatalog catalog, MagentoOrders orders, MagentoStores stores, Normaliser normaliser,
                                Journal journal, BusSignal signal, Checkpoints checkpoints, DeadLetters deadLetters,
                                MagentoProperties properties, Clock clock, MeterRegistry registry) {
        return new MagentoPoller(catalog, orders, stores, normaliser, journal, signal, checkpoints, deadLetters,
                properties, clock, registry);
    }

    @Bean
    MagentoOrderImport magentoOrderImport(MagentoOrders orders, MagentoInventory inventory, ChannelBindings bindings,
                                          IdempotencyKeys keys, CrossReferences xref, MeterRegistry registry) {
        return new MagentoOrderImport(orders, inventory, bindings, keys, xref, registry);
    }

    /** True when omnisync.connector.magento.adobe-commerce-public-keys lists at least one key. */
    static class AdobeCommerceKeysConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("omnisync.connector.magento.adobe-commerce-public-keys", Bindable.listOf(String.class))
                    .map(keys -> !keys.isEmpty()).orElse(false);
        }
    }

    @Bean
    MagentoFanout magentoFanout(org.springframework.jdbc.core.JdbcTemplate jdbc, MagentoInventory inventory,
                                MagentoCatalog catalog, MagentoOrders orders, MagentoStores stores, MagentoLedger magentoLedger,
                                ChannelBindings bindings, io.omnisync.platform.ledger.ChannelLedger ledger,
                                org.springframework.beans.factory.ObjectProvider<io.omnisync.platform.channel.ChannelListings> channels,
                                DeadLetters deadLetters, io.omnisync.platform.channel.ChannelProperties properties,
                                Clock clock, MeterRegistry registry, TransactionTemplate tx) {
        return new MagentoFanout(jdbc, tx, inventory, catalog, orders, stores, magentoLedger, bindings, ledger, channels,
                deadLetters, properties, clock, registry);
    }

    @Bean
    MagentoReconciliation magentoReconciliation(MagentoClient client, MagentoInventory inventory, MagentoFanout fanout,
                                                ChannelBindings bindings, ChannelLedger ledger,
                                                org.springframework.beans.factory.ObjectProvider<io.omnisync.platform.channel.ChannelListings> channels,
                                                io.omnisync.platform.reconcile.ReconciliationRuns runs,
                                                io.omnisync.platform.reconcile.ReconciliationProperties properties,
                                                Clock clock, MeterRegistry registry) {
        return new MagentoReconciliation(client, inventory, fanout, bindings, ledger, channels, runs, properties, clock,
                registry);
    }

    @Bean
    MagentoStockTransfers magentoStockTransfers(MagentoInventory inventory,
                                                org.springframework.jdbc.core.JdbcTemplate jdbc,
                                                PlatformTransactionManager transactions,
                                                org.springframework.integration.support.locks.LockRegistry leaderLockRegistry,
                                                MagentoProperties properties, Clock clock) {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new MagentoStockTransfers(inventory, jdbc, own, leaderLockRegistry, properties, clock);
    }

    @Bean
    MagentoOrderOrigins magentoOrderOrigins(CrossReferences xref, MagentoOrders orders, MagentoStores stores,
                                            ChannelBindings bindings) {
        return new MagentoOrderOrigins(xref, orders, stores, bindings);
    }
}
