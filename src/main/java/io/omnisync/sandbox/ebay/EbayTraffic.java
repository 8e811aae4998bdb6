package io.omnisync.sandbox.ebay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * What the fake does to traffic before handling it: injected faults (the next N calls answer 500, or 429 with
 * Retry-After) and a call quota per API and fixed window, answered with 429 and the seconds until the window ends.
 * Calls answered 429 do not count against the quota.
 */
public final class EbayTraffic {

    private record Fault(int status, long retryAfterSeconds) {
    }

    private final Clock clock;
    private final int callsPerWindow;
    private final Duration window;
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, Instant> windowStart = new HashMap<>();
    private final Map<String, Integer> windowCalls = new HashMap<>();
    private int quotaRefusals;

    EbayTraffic(Clock clock, int callsPerWindow, Duration window) {
        this.clock = clock;
        this.callsPerWindow = callsPerWindow;
        this.window = window;
    }

    /** The next {@code calls} API calls answer 500 with eBay's system error. */
    public synchronized void failNext(int calls) {
        for (int i = 0; i < calls; i++) {
            faults.add(new Fault(500, 0));
        }
    }

    /** The next {@code calls} API calls answer 429 with {@code Retry-After: retryAfterSeconds}. */
    public synchronized void rateLimitNext(int calls, long retryAfterSeconds) {
        for (int i = 0; i < calls; i++) {
            faults.add(new Fault(429, retryAfterSeconds));
        }
    }

    /** How many calls the quota refused so far. */
    public synchronized int quotaRefusals() {
        return quotaRefusals;
    }

    /** Admits one call to an API (by domain) or throws the injected fault or the quota's 429. */
    synchronized void admit(String domain) {
        Fault fault = faults.poll();
        if (fault != null) {
            throw fault.status() == 429 ? EbayFakeError.tooManyRequests(fault.retryAfterSeconds())
                    : EbayFakeError.internal(domain);
        }
        if (callsPerWindow <= 0) {
            return;
        }
        Instant now = clock.instant();
        Instant start = windowStart.get(domain);
        if (start == null || !now.isBefore(start.plus(window))) {
            windowStart.put(domain, now);
            windowCalls.put(domain, 0);
            start = now;
        }
        int calls = windowCalls.get(domain);
        if (calls >= callsPerWindow) {
            quotaRefusals++;
            long millisLeft = Duration.between(now, start.plus(window)).toMillis();
            throw EbayFakeError.tooManyRequests(Math.max(1, (millisLeft + 999) / 1000));
        }
        windowCalls.put(domain, calls + 1);
    }
}
