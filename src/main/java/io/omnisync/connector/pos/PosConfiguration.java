package io.omnisync.connector.pos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.outbound.OutboundCalls;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The POS connector's beans; none exist unless omnisync.connector.pos.enabled=true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "omnisync.connector.pos", name = "enabled", havingValue = "true")
public class PosConfiguration {

    @Bean
    PosClient posClient(PosProperties properties, ObjectMapper mapper, OutboundCalls outbound) {
        return new PosClient(properties, mapper, outbound);
    }

    @Bean
    PosInventory posInventory(PosClient client) {
        return new PosInventory(client);
    }

    @Bean
    PosCatalog posCatalog(PosClient client) {
        return new PosCatalog(client);
    }

    @Bean
    PosOrders posOrders(PosClient client) {
        return new PosOrders(client);
    }

    /** Called by the orders-pos-notified flow. */
    @Bean
    PosOrderResolution posOrderResolution(PosOrders orders, PosCatalog catalog, Journal journal, BusSignal signal) {
        return new PosOrderResolution(orders, catalog, journal, signal);
    }

    @Bean
    PosWebhookSource posWebhookSource(PosProperties properties) {
        return new PosWebhookSource(properties);
    }

    /** Shown in /actuator/health as "pos". */
    @Bean("posHealthIndicator")
    PosHealthIndicator posHealthIndicator(PosClient client, Clock clock) {
        return new PosHealthIndicator(client, clock);
    }

    @Bean
    PosChannelListings posChannelListings(PosInventory inventory, PosCatalog catalog) {
        return new PosChannelListings(inventory, catalog);
    }
}
