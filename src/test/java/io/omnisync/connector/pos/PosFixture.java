package io.omnisync.connector.pos;

import io.omnisync.platform.outbound.TestOutbound;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.sandbox.pos.PosFake;
import io.omnisync.sandbox.pos.PosFakeOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/** A POS fake and a client pointed at it whose waits are recorded instead of slept. */
final class PosFixture implements AutoCloseable {

    final PosFake fake;
    final PosProperties properties = new PosProperties();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final PosClient client;

    PosFixture(PosFakeOptions options) {
        fake = PosFake.start(options);
        properties.setEnabled(true);
        properties.setBaseUrl(fake.baseUrl());
        properties.setAccessToken(options.accessToken());
        properties.getLimits().setCallsPerSecond(1000);
        properties.getLimits().setBurst(1000);
        client = new PosClient(properties, new ObjectMapper(), Clock.systemUTC(), waits::add, new SplittableRandom(1),
                TestOutbound.loopback());
    }

    PosFixture() {
        this(PosFakeOptions.defaults());
    }

    /** A client of the same fake with another access token. */
    PosClient clientWithToken(String token) {
        PosProperties other = new PosProperties();
        other.setBaseUrl(fake.baseUrl());
        other.setAccessToken(token);
        return new PosClient(other, new ObjectMapper(), Clock.systemUTC(), waits::add, new SplittableRandom(1),
                TestOutbound.loopback());
    }

    @Override
    public void close() {
        fake.close();
    }
}
