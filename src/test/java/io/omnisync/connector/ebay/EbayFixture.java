package io.omnisync.connector.ebay;

import io.omnisync.platform.outbound.TestOutbound;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.TestClock;
import io.omnisync.sandbox.ebay.EbayFake;
import io.omnisync.sandbox.ebay.EbayFakeOptions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An eBay fake and a client pointed at it, sharing one test clock: the client's waits advance that clock instead
 * of sleeping, so rate limits, Retry-After and token expiry are tested without real time.
 */
final class EbayFixture implements AutoCloseable {

    final TestClock clock = new TestClock();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final EbayFake fake;
    final EbayProperties properties = new EbayProperties();
    final EbayClient client;

    EbayFixture() {
        this(options -> options, properties -> { });
    }

    EbayFixture(java.util.function.UnaryOperator<EbayFakeOptions> fakeOptions, Consumer<EbayProperties> settings) {
        fake = EbayFake.start(fakeOptions.apply(EbayFakeOptions.defaults().withClock(clock)));
        properties.setEnabled(true);
        properties.setApiBaseUrl(fake.baseUrl());
        properties.setTokenUrl(fake.tokenUrl());
        properties.setClientId(fake.options().clientId());
        properties.setClientSecret(fake.options().clientSecret());
        properties.setRefreshToken(fake.options().refreshToken());
        properties.setMarketplaces(List.of("EBAY_US", "EBAY_DE"));
        settings.accept(properties);
        client = new EbayClient(properties, new ObjectMapper(), clock, duration -> {
            sleeps.add(duration);
            clock.advance(duration);
        }, new Random(42), TestOutbound.loopback(clock));
    }

    EbayInventory inventory() {
        return new EbayInventory(client);
    }

    EbayFulfillment fulfillment() {
        return new EbayFulfillment(client);
    }

    @Override
    public void close() {
        fake.close();
    }
}
