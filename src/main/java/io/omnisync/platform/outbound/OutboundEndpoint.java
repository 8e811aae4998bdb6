package io.omnisync.platform.outbound;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One external endpoint (Magento, SP-API, Login with Amazon, eBay, eBay's token endpoint, the POS...) and the guard
 * around every HTTP request sent to it: the URL policy (checked again after resolving the host, right before the
 * call), a semaphore bulkhead (a slow endpoint holds at most {@code max-concurrent-calls} threads) and a circuit
 * breaker over connection failures, timeouts and 5xx (429 and other 4xx are answers, not failures). A call the guard
 * does not let through fails at once as {@link ErrorClass#UNAVAILABLE} saying why and when the endpoint is probed
 * again; the bus retries it later. Redirects are never followed: a 3xx fails as VALUE saying so.
 */
public final class OutboundEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundEndpoint.class);

    private final String name;
    private final UrlPolicy policy;
    private final Clock clock;
    private final OutboundProperties.Resilience settings;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final AtomicLong breakerRejections = new AtomicLong();
    private final AtomicLong bulkheadRejections = new AtomicLong();
    private final AtomicLong refusedRequests = new AtomicLong();
    private volatile Instant openedAt = Instant.MIN;

    public OutboundEndpoint(String name, OutboundProperties.Resilience settings, UrlPolicy policy, Clock clock) {
        this.name = name;
        this.policy = policy;
        this.clock = clock;
        this.settings = settings;
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.getSlidingWindowSize())
                .minimumNumberOfCalls(settings.getMinimumNumberOfCalls())
                .failureRateThreshold(settings.getFailureRateThreshold())
                .waitDurationInOpenState(settings.getWaitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.getPermittedCallsInHalfOpenState())
                .clock(clock)
                .build());
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom().maxConcurrentCalls(settings.getMaxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO).build());
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                openedAt = clock.instant();
            }
            LOG.warn("outbound endpoint {}: circuit breaker {} -> {} (failure rate {}% of the last {} calls)", name,
                    event.getStateTransition().getFromState(), to, Math.max(0, breaker.getMetrics().getFailureRate()),
                    breaker.getMetrics().getNumberOfBufferedCalls());
        });
    }

    /**
     * Sends {@code request} through the guard.
     *
     * @param what how messages name the call, e.g. "eBay GET /sell/inventory/v1/offer" (no query, no secrets)
     * @return the answer, whatever its status except 3xx
     * @throws IntegrationException VALUE when the URL policy refuses the request or the answer is a redirect,
     *     UNAVAILABLE when the breaker or the bulkhead does not let it through, INTERMITTENT on a timeout, CONNECTION
     *     when the endpoint cannot be reached or the connection breaks
     */
    public HttpResponse<byte[]> send(HttpClient http, HttpRequest request, String what) {
        Optional<String> refusal = policy.refusalOfRequest(request.uri());
        if (refusal.isPresent()) {
            refusedRequests.incrementAndGet();
            throw new IntegrationException(ErrorClass.VALUE, what + " not sent: its URL " + refusal.get());
        }
        if (!bulkhead.tryAcquirePermission()) {
            bulkheadRejections.incrementAndGet();
            throw new IntegrationException(ErrorClass.UNAVAILABLE, what + " not sent: the bulkhead of endpoint '" + name
                    + "' is full (" + settings.getMaxConcurrentCalls() + " calls in flight); try again later");
        }
        try {
            if (!breaker.tryAcquirePermission()) {
                breakerRejections.incrementAndGet();
                throw new IntegrationException(ErrorClass.UNAVAILABLE, what + " not sent: " + breakerState());
            }
            return sendPermitted(http, request, what);
        } finally {
            bulkhead.onComplete();
        }
    }

    private HttpResponse<byte[]> sendPermitted(HttpClient http, HttpRequest request, String what) {
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            throw new IntegrationException(ErrorClass.INTERMITTENT, what + " timed out", e);
        } catch (IOException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            throw new IntegrationException(ErrorClass.CONNECTION, what + " could not be reached: " + e, e);
        } catch (InterruptedException e) {
            breaker.releasePermission();
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorClass.INTERMITTENT, what + " was interrupted", e);
        } catch (RuntimeException e) {
            breaker.releasePermission();
            throw e;
        }
        long took = System.nanoTime() - started;
        int status = response.statusCode();
        if (status >= 500) {
            breaker.onError(took, TimeUnit.NANOSECONDS, new ServerError(status));
        } else {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        }
        if (status / 100 == 3) {
            throw new IntegrationException(ErrorClass.VALUE, what + " answered " + status + " with a redirect"
                    + redirectTarget(request.uri(), response) + ", which omnisync does not follow: configure the URL "
                    + "the endpoint moved to, if it is one omnisync should call");
        }
        return response;
    }

    private static String redirectTarget(URI from, HttpResponse<?> response) {
        return response.headers().firstValue("Location").map(location -> {
            try {
                URI to = from.resolve(location.trim());
                return " to " + to.getScheme() + "://" + to.getRawAuthority().replaceFirst("^[^@]*@", "");
            } catch (RuntimeException e) {
                return " to an unreadable location";
            }
        }).orElse("");
    }

    /** Why the breaker let nothing through, and when it probes the endpoint again. */
    private String breakerState() {
        if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
            return "the circuit breaker of endpoint '" + name + "' is half-open and its "
                    + settings.getPermittedCallsInHalfOpenState() + " probe calls are under way; try again later";
        }
        Instant probe = openedAt.plus(settings.getWaitInOpenState());
        Duration in = Duration.between(clock.instant(), probe);
        return "the circuit breaker of endpoint '" + name + "' is " + breaker.getState() + " after "
                + Math.round(breaker.getMetrics().getFailureRate()) + "% of its last "
                + breaker.getMetrics().getNumberOfBufferedCalls() + " calls failed; it lets a probe through at " + probe
                + " (in " + Math.max(0, in.toSeconds()) + "s)";
    }

    public String name() {
        return name;
    }

    /** CLOSED, OPEN, HALF_OPEN (or one of resilience4j's forced states). */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /** The failure rate of the sliding window in percent, or -1 while it holds fewer than the minimum of calls. */
    public float failureRate() {
        return breaker.getMetrics().getFailureRate();
    }

    /** Failed calls (connection failures, timeouts, 5xx) in the breaker's sliding window. */
    public int failedCalls() {
        return breaker.getMetrics().getNumberOfFailedCalls();
    }

    /** Calls in the breaker's sliding window. */
    public int bufferedCalls() {
        return breaker.getMetrics().getNumberOfBufferedCalls();
    }

    /** Calls the open (or probing) breaker failed at once. */
    public long breakerRejections() {
        return breakerRejections.get();
    }

    /** Calls the full bulkhead failed at once. */
    public long bulkheadRejections() {
        return bulkheadRejections.get();
    }

    /** Requests the URL policy refused after resolving their host. */
    public long refusedRequests() {
        return refusedRequests.get();
    }

    /** Free places in the bulkhead. */
    public int bulkheadAvailable() {
        return bulkhead.getMetrics().getAvailableConcurrentCalls();
    }

    /** The settings this endpoint runs with. */
    public OutboundProperties.Resilience settings() {
        return settings;
    }

    /** A 5xx answer, recorded as the breaker's failure (never thrown). */
    private static final class ServerError extends Exception {
        ServerError(int status) {
            super("answered " + status, null, false, false);
        }
    }
}
