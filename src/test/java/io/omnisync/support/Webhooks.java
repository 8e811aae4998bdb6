package io.omnisync.support;

import io.omnisync.platform.webhook.HmacSignatures;
import io.omnisync.sandbox.magento.AdobeCommerceHooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;

/** Sends webhooks to a running omnisync the way Magento's async-events module does. */
public final class Webhooks {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    public Webhooks(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** Signs the body with the secret (hex HMAC-SHA256 in x-magento-signature) and posts it. */
    public HttpResponse<String> magento(String event, String body, String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post("/webhooks/magento/" + event, bytes, HmacSignatures.hex(secret, bytes));
    }

    public HttpResponse<String> post(String path, byte[] body, String signature) {
        return post(path, body, "x-magento-signature", signature);
    }

    /** Signs the body as Adobe Commerce does (x-adobe-commerce-webhook-signature) and posts it to the hook's URL. */
    public HttpResponse<String> adobeCommerce(String hook, String body, PrivateKey key) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post("/webhooks/adobe-commerce/" + hook, bytes, "x-adobe-commerce-webhook-signature",
                AdobeCommerceHooks.sign(bytes, key));
    }

    public HttpResponse<String> post(String path, byte[] body, String signatureHeader, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(signatureHeader, signature);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Magento source-item event body as omnisync's observer module sends it. */
    public static String stockEvent(String sku, String source, int quantity, long version) {
        return "{\"data\":{\"sku\":\"" + sku + "\",\"source_code\":\"" + source + "\",\"quantity\":" + quantity
                + ",\"status\":" + (quantity > 0 ? 1 : 0) + ",\"updated_at\":\"2026-11-22 10:00:00\",\"version\":" + version + "}}";
    }
}
