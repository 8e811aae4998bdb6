package io.omnisync.connector.amazon;

import io.omnisync.platform.outbound.TestOutbound;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.TestClock;
import io.omnisync.sandbox.amazon.AmazonFake;
import io.omnisync.sandbox.amazon.AmazonFakeOptions;
import io.omnisync.sandbox.amazon.AmazonSeed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * An Amazon fake and a client pointed at it that share one {@link TestClock}: the client's sleeper records each
 * wait and moves the clock instead of sleeping, so usage plans and token expiry are exercised without waiting.
 */
final class AmazonTestKit implements AutoCloseable {

    final TestClock clock = new TestClock();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final AmazonFake fake;
    final AmazonProperties properties = new AmazonProperties();
    final AmazonClient client;

    AmazonTestKit() {
        this(options -> options, properties -> { });
    }

    AmazonTestKit(java.util.function.UnaryOperator<AmazonFakeOptions> fakeOptions, Consumer<AmazonProperties> configure) {
        fake = AmazonFake.start(fakeOptions.apply(AmazonFakeOptions.defaults().withClock(clock)));
        properties.setEnabled(true);
        properties.setEndpoint(fake.baseUrl());
        properties.setLwaEndpoint(fake.tokenUrl());
        properties.setClientId(fake.options().clientId());
        properties.setClientSecret(fake.options().clientSecret());
        properties.setRefreshToken(fake.options().refreshToken());
        properties.setSellerId(fake.options().sellerId());
        properties.setMarketplaces(List.of(AmazonSeed.US, AmazonSeed.DE));
        configure.accept(properties);
        client = new AmazonClient(properties, new ObjectMapper(), clock, this::sleep, TestOutbound.loopback(clock));
    }

    /** Records the wait and moves the shared clock; parks a millisecond so the fake's feed thread gets to run. */
    private void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
        LockSupport.parkNanos(1_000_000);
    }

    Duration slept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public void close() {
        fake.close();
    }
}
