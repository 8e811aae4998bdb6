package io.omnisync.platform.outbound;

import java.time.Clock;

/** Outbound guards for tests whose fakes listen on loopback, which production refuses. */
public final class TestOutbound {

    private TestOutbound() {
    }

    /** Private networks allowed (the fakes are on 127.0.0.1), default breaker and bulkhead, no metrics. */
    public static OutboundCalls loopback() {
        return loopback(Clock.systemUTC());
    }

    /** The same with the clock the breakers' open-state wait runs on. */
    public static OutboundCalls loopback(Clock clock) {
        OutboundProperties properties = new OutboundProperties();
        properties.setAllowPrivateNetworks(true);
        return new OutboundCalls(properties, UrlPolicy.Resolver.SYSTEM, clock, null);
    }
}
