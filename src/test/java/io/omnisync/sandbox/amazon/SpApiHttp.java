package io.omnisync.sandbox.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.sandbox.JsonHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Raw HTTP against an {@link AmazonFake}, logged in with the fake's own credentials; for tests of the fake itself. */
final class SpApiHttp {

    /** A status and the parsed body (null when empty). */
    record Answer(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final AmazonFake fake;
    private String token;

    SpApiHttp(AmazonFake fake) {
        this.fake = fake;
    }

    Answer login(String clientSecret) {
        AmazonFakeOptions o = fake.options();
        String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(o.refreshToken(), StandardCharsets.UTF_8)
                + "&client_id=" + URLEncoder.encode(o.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(fake.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Answer get(String pathAndQuery) {
        return send(authorised(pathAndQuery).GET());
    }

    Answer send(String method, String pathAndQuery, String json) {
        return send(authorised(pathAndQuery).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder authorised(String pathAndQuery) {
        if (token == null) {
            token = login(fake.options().clientSecret()).body().path("access_token").asText();
        }
        return HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery)).header("x-amz-access-token", token);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), JsonHttp.parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
