package io.omnisync.support;

import io.omnisync.support.FakeSystems.Sale;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays the POS as a webhook sender: each sale's {@code order.created} is posted, signed, to omnisync's loopback
 * port and repeated (same bytes, same event id) every {@value #RETRY_PAUSE_MILLIS} ms until it is answered 2xx, as
 * Square retries a delivery for days. Every attempt is recorded with its answer and latency, so a test can tell what
 * was acknowledged and how fast omnisync answered during a fault.
 */
public final class PosDeliveries implements AutoCloseable {

    private static final long RETRY_PAUSE_MILLIS = 200;
    private static final String EVENT = "order.created";

    /** One POST: when it started (System.nanoTime), how long the answer took, its status (-1: no answer). */
    public record Attempt(long startedNanos, long millis, int status) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ScheduledExecutorService senders = new ScheduledThreadPoolExecutor(8);
    private final FakeSystems fakes;
    private final int port;
    private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    public PosDeliveries(FakeSystems fakes, int port) {
        this.fakes = fakes;
        this.port = port;
    }

    /** Starts delivering the sales at {@code perSecond}, each until acknowledged; returns at once. */
    public void deliverPaced(List<Sale> sales, int perSecond) {
        for (int i = 0; i < sales.size(); i++) {
            Sale sale = sales.get(i);
            senders.schedule(() -> deliverUntilAcknowledged(sale), i * 1000L / perSecond, TimeUnit.MILLISECONDS);
        }
    }

    /** Posts the sale's webhook once; answers the status (-1 when omnisync did not answer). */
    public int deliverOnce(Sale sale) {
        long started = System.nanoTime();
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/pos/" + EVENT))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("x-square-hmacsha256-signature", fakes.posSignature(EVENT, sale.event()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sale.event())).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        attempts.add(new Attempt(started, (System.nanoTime() - started) / 1_000_000, status));
        if (status / 100 == 2) {
            acknowledged.add(sale.orderId());
        }
        return status;
    }

    private void deliverUntilAcknowledged(Sale sale) {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (deliverOnce(sale) / 100 != 2 && System.nanoTime() < giveUp && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MILLIS)); // a sender's retry pause
        }
    }

    /** Order ids of the sales omnisync answered 2xx for. */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Attempts that started inside [fromNanos, toNanos). */
    public List<Attempt> attempts(long fromNanos, long toNanos) {
        return attempts.stream().filter(a -> a.startedNanos() >= fromNanos && a.startedNanos() < toNanos).toList();
    }

    /** Number of attempts per status (-1: no answer) among these attempts. */
    public static Map<Integer, Long> statuses(List<Attempt> attempts) {
        Map<Integer, Long> byStatus = new TreeMap<>();
        attempts.forEach(a -> byStatus.merge(a.status(), 1L, Long::sum));
        return byStatus;
    }

    /** "n=…, p50=… ms, p99=… ms, max=… ms" over the answered attempts (status > 0). */
    public static String latencies(List<Attempt> attempts) {
        long[] millis = attempts.stream().filter(a -> a.status() > 0).mapToLong(Attempt::millis).sorted().toArray();
        if (millis.length == 0) {
            return "n=0";
        }
        return "n=" + millis.length + ", p50=" + percentile(millis, 50) + " ms, p99=" + percentile(millis, 99)
                + " ms, max=" + millis[millis.length - 1] + " ms";
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
