package io.omnisync.platform.error;

/**
 * Why something failed, in the spirit of the integration platforms operators know. The class decides
 * whether a retry can help ({@link #transientFailure()}) and is recorded on every failure and dead letter.
 */
public enum ErrorClass {
    /** The other side could not be reached: refused, reset, DNS, TLS. */
    CONNECTION(true),
    /** The other side answered 5xx or timed out: it may work next time. */
    INTERMITTENT(true),
    /** 429 or a usage plan exhausted: wait, then try again. */
    RATE_LIMIT(true),
    /**
     * Not sent: the endpoint's circuit breaker is open (or only letting probes through) or its bulkhead is full.
     * Retried later by the bus, never at once inside the client.
     */
    UNAVAILABLE(true),
    /** A value is wrong or missing a rule (4xx, a mapping that cannot produce a valid event). */
    VALUE(false),
    /** Something the event refers to does not exist (unknown SKU, store, order). */
    MISSING(false),
    /** A body or batch is larger than allowed. */
    TOO_LARGE(false),
    /** The input is not parseable. */
    PARSE(false),
    /** The effect already happened. */
    DUPLICATE(false),
    /** Anything else: a defect to look at. Not retried. */
    UNKNOWN(false);

    private final boolean transientFailure;

    ErrorClass(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** True when a later attempt may succeed without anyone changing anything. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
