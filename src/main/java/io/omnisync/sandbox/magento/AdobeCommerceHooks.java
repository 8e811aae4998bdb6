package io.omnisync.sandbox.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.JsonHttp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Calls hooks the way Adobe Commerce Webhooks ({@code Magento_AdobeCommerceWebhooks}) do when the store's data
 * changes: POST {@code {"eventName": "<event>", "data": {"<object>": <model data>}}} as {@code application/json}
 * to each hook subscribed to the event's webhook method, header {@code x-adobe-commerce-webhook-signature} = base64
 * RSA-SHA256 signature of the base64 encoding of the raw body with the instance's private key ("Regenerate key pair"
 * in the admin), hard timeout 2 s ({@code timeout="2000"}), no retries. A reply is a success only when it is 200
 * with {@code {"op":"success"}}; anything else is what Commerce logs (and, for a required hook, shows the shopper).
 *
 * <p>Commerce calls a hook inside the save, the shopper waiting. This fake learns of a change from the
 * {@link WebhookEmitter} while the store is locked, so it calls on a single thread of its own, in the order of the
 * changes, and the store does not wait for the answer.
 */
public final class AdobeCommerceHooks implements AutoCloseable {

    public static final String SIGNATURE_HEADER = "x-adobe-commerce-webhook-signature";

    /** Which webhook method reports each store change (by its async-events name), and the object it carries. */
    record Method(String hookMethod, String eventName, String object) {
    }

    static final Map<String, Method> METHODS = Map.of(
            WebhookEmitter.PRODUCT_UPDATED, new Method("observer.catalog_product_save_after", "catalog_product_save_after", "product"),
            WebhookEmitter.ORDER_CREATED, new Method("observer.sales_order_place_after", "sales_order_place_after", "order"),
            WebhookEmitter.ORDER_UPDATED, new Method("observer.sales_order_save_after", "sales_order_save_after", "order"),
            "sales.shipment.created", new Method("observer.sales_order_shipment_save_after", "sales_order_shipment_save_after", "shipment"),
            "sales.creditmemo.created", new Method("observer.sales_order_creditmemo_save_after", "sales_order_creditmemo_save_after", "creditmemo"));

    /** One hook of a webhook method, as {@code <hook name="..." url="..."/>} in webhooks.xml. */
    public record Hook(String method, String url) {
    }

    /** What a hook answered: its HTTP status (0 when unreachable or timed out) and body. */
    public record Reply(String method, int status, String body) {

        public boolean success() {
            return status == 200 && body.replace(" ", "").contains("\"op\":\"success\"");
        }
    }

    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private final List<Reply> replies = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "magento-fake-adobe-hooks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile IntFunction<Optional<ObjectNode>> orders = id -> Optional.empty();
    private volatile PrivateKey privateKey;
    private volatile PublicKey publicKey;

    public AdobeCommerceHooks() {
        KeyPair pair = generateKeyPair();
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
    }

    /** A 2048-bit RSA key pair, as the admin's "Regenerate key pair" makes. */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** Signs with this private key (PKCS#8 PEM) from now on; the public key is then the caller's to know. */
    public void useKey(String privateKeyPem) {
        this.privateKey = readPrivateKey(privateKeyPem);
        this.publicKey = null;
    }

    /** The public key (PEM) of the generated key pair; null after {@link #useKey}. */
    public String publicKeyPem() {
        return publicKey == null ? null : pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** Where a shipment's or credit memo's order is found (by entity_id), to add its increment id to the payload. */
    void lookUpOrdersWith(IntFunction<Optional<ObjectNode>> orders) {
        this.orders = orders;
    }

    public Hook subscribe(String method, String url) {
        Hook hook = new Hook(method, url);
        hooks.add(hook);
        return hook;
    }

    public List<Hook> hooks() {
        return List.copyOf(hooks);
    }

    /** A store change, by its async-events name: queues a call to every hook of the matching webhook method. */
    void onChange(String asyncEventName, JsonNode payload) {
        Method method = METHODS.get(asyncEventName);
        if (method == null) {
            return;
        }
        List<Hook> targets = hooks.stream().filter(h -> h.method().equals(method.hookMethod())).toList();
        if (targets.isEmpty()) {
            return;
        }
        ObjectNode body = JsonHttp.nodes().objectNode().put("eventName", method.eventName());
        ObjectNode data = body.putObject("data");
        data.set(method.object(), modelData(method.object(), payload, orders));
        data.putObject("data_object");
        byte[] raw = JsonHttp.phpJson(body);
        for (Hook hook : targets) {
            try {
                executor.execute(() -> call(hook, raw));
            } catch (RejectedExecutionException closed) {
                // closed: Commerce is down, nothing is sent
            }
        }
    }

    /**
     * The model's data as an observer event carries it, from the REST shape the store keeps: a product's
     * custom attributes become flat fields and it has a store_id but no store code; a shipment or credit memo
     * carries {@code order.increment_id}, as the hook's {@code <fields>} add it (omnisync's mappings need it).
     */
    static JsonNode modelData(String object, JsonNode payload, IntFunction<Optional<ObjectNode>> orders) {
        ObjectNode data = payload.deepCopy();
        if ("product".equals(object)) {
            data.remove("store_code");
            JsonNode attributes = data.remove("custom_attributes");
            if (attributes != null) {
                attributes.forEach(a -> data.set(a.path("attribute_code").asText(), a.path("value")));
            }
        } else if (("shipment".equals(object) || "creditmemo".equals(object)) && data.path("order_id").asInt(0) > 0) {
            orders.apply(data.path("order_id").asInt()).ifPresent(order ->
                    data.putObject("order").set("increment_id", order.path("increment_id")));
        }
        return data;
    }

    private void call(Hook hook, byte[] raw) {
        Reply reply;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url()))
                    .timeout(Duration.ofSeconds(2))
                    .header("Content-Type", "application/json")
                    .header(SIGNATURE_HEADER, sign(raw, privateKey))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            reply = new Reply(hook.method(), response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException e) {
            reply = new Reply(hook.method(), 0, e.toString());
        }
        if (replies.size() >= 1000) {
            replies.remove(0);
        }
        replies.add(reply);
        (reply.success() ? succeeded : failed).incrementAndGet();
    }

    /** Base64 RSA-SHA256 signature of base64(body), as Commerce puts in {@value #SIGNATURE_HEADER}. */
    public static String sign(byte[] body, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(Base64.getEncoder().encode(body));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with RSA-SHA256", e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static PrivateKey readPrivateKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)", e);
        }
    }

    /** The last (up to 1000) replies, oldest first. */
    public List<Reply> replies() {
        return List.copyOf(replies);
    }

    /** Calls answered 200 {"op":"success"}. */
    public long succeeded() {
        return succeeded.get();
    }

    /** Calls answered otherwise, or not answered. */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
