package io.omnisync.sandbox.pos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Square's webhook subscriptions: an event {@code {merchant_id, type, event_id, created_at, data {type, id, object}}}
 * is POSTed to every subscription of its type with {@code x-square-hmacsha256-signature} = Base64 HMAC-SHA256 of the
 * subscription's notification URL followed by the raw body, keyed by its signature key. A delivery that is not
 * answered 2xx is repeated (same event id) up to {@value #MAX_RETRIES} times with growing pauses. Asynchronous.
 */
public final class PosWebhooks implements AutoCloseable {

    public static final String SIGNATURE_HEADER = "x-square-hmacsha256-signature";
    static final int MAX_RETRIES = 5;

    /**
     * One subscription. {@code notificationUrl} is what Square signs; {@code deliveryUrl} is where the POST really
     * goes, the same URL unless a reverse proxy sits in between (the sandbox plays one).
     */
    public record Subscription(String id, String notificationUrl, String deliveryUrl, List<String> eventTypes,
                               String signatureKey) {
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "pos-fake-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Supplier<String> now;
    private final Duration backoffUnit;

    PosWebhooks(Supplier<String> now, Duration backoffUnit) {
        this.now = now;
        this.backoffUnit = backoffUnit;
    }

    /** Subscribes a URL that receives the POSTs itself. */
    public Subscription subscribe(String notificationUrl, List<String> eventTypes, String signatureKey) {
        return subscribe(notificationUrl, notificationUrl, eventTypes, signatureKey);
    }

    /** Subscribes a public URL that a proxy forwards to {@code deliveryUrl}. */
    public Subscription subscribe(String notificationUrl, String deliveryUrl, List<String> eventTypes, String signatureKey) {
        Subscription s = new Subscription("wbhk_" + (subscriptions.size() + 1), notificationUrl, deliveryUrl,
                List.copyOf(eventTypes), signatureKey);
        subscriptions.add(s);
        return s;
    }

    public List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** Every event body emitted so far, oldest first. */
    public List<JsonNode> sent() {
        return List.copyOf(sent);
    }

    public long delivered() {
        return delivered.get();
    }

    /** Deliveries given up after every retry. */
    public long failed() {
        return failed.get();
    }

    /** Queues one event for every subscription of its type; answers its body. */
    ObjectNode emit(String type, String dataType, String dataId, ObjectNode object) {
        ObjectNode event = JsonHttp.nodes().objectNode().put("merchant_id", PosFake.MERCHANT_ID).put("type", type)
                .put("event_id", UUID.randomUUID().toString()).put("created_at", now.get());
        event.putObject("data").put("type", dataType).put("id", dataId).set("object", object.deepCopy());
        sent.add(event);
        byte[] raw = event.toString().getBytes(StandardCharsets.UTF_8);
        for (Subscription s : subscriptions) {
            if (s.eventTypes().contains(type)) {
                schedule(() -> attempt(s, raw, 0), 0);
            }
        }
        return event;
    }

    /** The signature Square would send for this body to this notification URL. */
    public static String sign(String signatureKey, String notificationUrl, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signatureKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(notificationUrl.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void attempt(Subscription s, byte[] raw, int retries) {
        if (send(s, raw)) {
            delivered.incrementAndGet();
        } else if (retries >= MAX_RETRIES) {
            failed.incrementAndGet();
        } else {
            schedule(() -> attempt(s, raw, retries + 1), backoffUnit.multipliedBy(1L << retries).toMillis());
        }
    }

    private boolean send(Subscription s, byte[] raw) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(s.deliveryUrl())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header(SIGNATURE_HEADER, sign(s.signatureKey(), s.notificationUrl(), raw))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the fake is closed: the event is dropped
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
