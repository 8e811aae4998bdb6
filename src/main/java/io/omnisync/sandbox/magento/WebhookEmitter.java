package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Delivers events like the {@code aligent/magento-async-events} (Mage-OS async events) HTTP notifier: POST
 * {@code {"data": <payload>}} as {@code application/json}, header {@code x-magento-signature} = lowercase hex
 * HMAC-SHA256 of the raw body keyed by the subscription's verification token, 15 s timeout, success iff 2xx,
 * retries after min(60, n²) s up to {@value #MAX_DEATHS} times, then dead-lettered. Asynchronous: {@link #emit}
 * only queues.
 */
public final class WebhookEmitter implements AutoCloseable {

    public static final String PRODUCT_UPDATED = "catalog.product.updated";
    public static final String ORDER_CREATED = "sales.order.created";
    public static final String ORDER_UPDATED = "sales.order.updated";
    /** Custom event (no OSS module ships a stock event; a merchant installs a small observer module for it). */
    public static final String SOURCE_ITEMS_UPDATED = "inventory.source_items.updated";
    public static final String SHIPMENT_CREATED = "sales.shipment.created";
    public static final String CREDITMEMO_CREATED = "sales.creditmemo.created";
    public static final String SIGNATURE_HEADER = "x-magento-signature";
    public static final int MAX_DEATHS = 5;

    /** One async-events subscription. */
    public record Subscription(int id, String eventName, String recipientUrl, String verificationToken) {
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "magento-fake-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final Duration backoffUnit;

    public WebhookEmitter() {
        this(Duration.ofSeconds(1));
    }

    /** @param backoffUnit length of one backoff step; Magento's is one second */
    public WebhookEmitter(Duration backoffUnit) {
        this.backoffUnit = backoffUnit;
    }

    public Subscription subscribe(String eventName, String recipientUrl, String verificationToken) {
        Subscription s = new Subscription(subscriptions.size() + 1, eventName, recipientUrl, verificationToken);
        subscriptions.add(s);
        return s;
    }

    public List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** Also tells {@code listener} of every event (another webhook dialect of the same store); it must not block. */
    public void addListener(BiConsumer<String, JsonNode> listener) {
        listeners.add(listener);
    }

    /** Queues {@code {"data": payload}} for every subscriber of the event; never blocks. */
    public void emit(String eventName, JsonNode payload) {
        emitted.incrementAndGet();
        listeners.forEach(listener -> listener.accept(eventName, payload));
        for (Subscription s : subscriptions) {
            if (s.eventName().equals(eventName)) {
                ObjectNode body = JsonHttp.nodes().objectNode();
                body.set("data", payload.deepCopy());
                byte[] raw = JsonHttp.phpJson(body);
                schedule(() -> attempt(s, raw, 0), 0);
            }
        }
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // emitter closed: the event is dropped, as a stopped queue consumer would leave it
        }
    }

    private void attempt(Subscription s, byte[] raw, int deaths) {
        if (send(s, raw)) {
            delivered.incrementAndGet();
            return;
        }
        int deathCount = deaths + 1;
        if (deathCount > MAX_DEATHS) {
            dead.incrementAndGet();
            return;
        }
        retried.incrementAndGet();
        long backoff = Math.min(60, (long) deathCount * deathCount);
        schedule(() -> attempt(s, raw, deathCount), backoffUnit.multipliedBy(backoff).toMillis());
    }

    private boolean send(Subscription s, byte[] raw) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(s.recipientUrl()))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .header(SIGNATURE_HEADER, sign(raw, s.verificationToken()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Lowercase hex HMAC-SHA256 of {@code body} keyed by {@code token}, as {@code hash_hmac('sha256', ...)}. */
    public static String sign(byte[] body, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Events emitted by the store (whether or not anybody subscribed). */
    public long emitted() {
        return emitted.get();
    }

    /** Deliveries answered 2xx. */
    public long delivered() {
        return delivered.get();
    }

    /** Failed attempts that were scheduled for a retry. */
    public long retried() {
        return retried.get();
    }

    /** Deliveries given up after {@value #MAX_DEATHS} retries (dead-lettered). */
    public long dead() {
        return dead.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
