package io.omnisync.connector.amazon;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.outbound.OutboundCalls;
import io.omnisync.platform.outbound.Sleeper;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Amazon connector's beans; none exist unless omnisync.connector.amazon.enabled=true. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "omnisync.connector.amazon", name = "enabled", havingValue = "true")
public class AmazonConfiguration {

    @Bean
    AmazonClient amazonClient(AmazonProperties properties, ObjectMapper mapper, Clock clock, OutboundCalls outbound) {
        return new AmazonClient(properties, mapper, clock, Sleeper.SYSTEM, outbound);
    }

    @Bean
    AmazonOrders amazonOrders(AmazonClient client) {
        return new AmazonOrders(client);
    }

    @Bean
    AmazonListings amazonListings(AmazonClient client) {
        return new AmazonListings(client);
    }

    @Bean
    AmazonFeeds amazonFeeds(AmazonClient client, Clock clock) {
        return new AmazonFeeds(client, clock);
    }

    /** Shown in /actuator/health as "amazon". */
    @Bean("amazonHealthIndicator")
    AmazonHealthIndicator amazonHealthIndicator(AmazonClient client, AmazonProperties properties) {
        return new AmazonHealthIndicator(client, properties);
    }

    @Bean
    AmazonOrderSource amazonOrderSource(AmazonOrders orders) {
        return new AmazonOrderSource(orders);
    }

    @Bean
    AmazonOrderActions amazonOrderActions(AmazonOrders orders) {
        return new AmazonOrderActions(orders);
    }

    @Bean
    AmazonChannelListings amazonChannelListings(AmazonListings listings, AmazonFeeds feeds, AmazonProperties properties) {
        return new AmazonChannelListings(listings, feeds, properties.getFeedFrom());
    }
}
