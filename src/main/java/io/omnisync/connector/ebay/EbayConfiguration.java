package io.omnisync.connector.ebay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.outbound.OutboundCalls;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The eBay connector's beans; none exist unless omnisync.connector.ebay.enabled=true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "omnisync.connector.ebay", name = "enabled", havingValue = "true")
public class EbayConfiguration {

    @Bean
    EbayClient ebayClient(EbayProperties properties, ObjectMapper mapper, OutboundCalls outbound) {
        return new EbayClient(properties, mapper, outbound);
    }

    @Bean
    EbayInventory ebayInventory(EbayClient client) {
        return new EbayInventory(client);
    }

    @Bean
    EbayFulfillment ebayFulfillment(EbayClient client) {
        return new EbayFulfillment(client);
    }

    /** Shown in /actuator/health as "ebay". */
    @Bean("ebayHealthIndicator")
    EbayHealthIndicator ebayHealthIndicator(EbayClient client, Clock clock) {
        return new EbayHealthIndicator(client, clock);
    }

    @Bean
    EbayOrderSource ebayOrderSource(EbayFulfillment fulfillment) {
        return new EbayOrderSource(fulfillment);
    }

    @Bean
    EbayOrderActions ebayOrderActions(EbayFulfillment fulfillment) {
        return new EbayOrderActions(fulfillment);
    }

    @Bean
    EbayChannelListings ebayChannelListings(EbayInventory inventory) {
        return new EbayChannelListings(inventory);
    }
}
