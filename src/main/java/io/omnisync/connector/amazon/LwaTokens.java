package io.omnisync.connector.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.outbound.OutboundEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Login with Amazon access tokens: exchanged for the refresh token ({@code grant_type=refresh_token}), kept
 * until one minute before {@code expires_in} ends (an hour), and dropped when SP-API refuses one as expired so
 * the next call logs in again. Neither token nor secret is ever logged or put in a message.
 */
public class LwaTokens {

    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final AmazonProperties properties;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final OutboundEndpoint endpoint;
    private String token;
    private Instant renewAt = Instant.MIN;
    private long logins;

    public LwaTokens(AmazonProperties properties, HttpClient http, ObjectMapper mapper, Clock clock, OutboundEndpoint endpoint) {
        this.endpoint = endpoint;
        this.properties = properties;
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The access token to send as x-amz-access-token; logs in when there is none or it is about to expire. */
    public synchronized String current() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            login();
        }
        return token;
    }

    /** Forgets the token if it is still the one SP-API refused. */
    public synchronized void refused(String refusedToken) {
        if (refusedToken.equals(token)) {
            token = null;
        }
    }

    /** How many times a token was obtained. */
    public synchronized long logins() {
        return logins;
    }

    private void login() {
        Map<String, String> form = Map.of("grant_type", "refresh_token", "refresh_token", properties.getRefreshToken(),
                "client_id", properties.getClientId(), "client_secret", properties.getClientSecret());
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.getLwaEndpoint()))
                .timeout(properties.getReadTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<byte[]> response = send(request);
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200 || !answer.hasNonNull("access_token")) {
            throw refusal(response.statusCode(), answer);
        }
        Instant now = clock.instant();
        token = answer.get("access_token").asText();
        Duration lifetime = Duration.ofSeconds(answer.path("expires_in").asLong(3600));
        renewAt = now.plus(lifetime.compareTo(MARGIN.multipliedBy(2)) > 0 ? lifetime.minus(MARGIN) : lifetime.dividedBy(2));
        logins++;
    }

    private IntegrationException refusal(int status, JsonNode answer) {
        String error = answer.path("error").asText("");
        String text = "Login with Amazon answered " + status + (error.isEmpty() ? "" : " " + error + ": "
                + answer.path("error_description").asText(""));
        if (status >= 500 || status == 429) {
            return new IntegrationException(AmazonErrors.classify(status), text);
        }
        String check = "invalid_grant".equals(error)
                ? "check omnisync.connector.amazon.refresh-token (the seller may have revoked the authorisation)"
                : "check omnisync.connector.amazon.client-id and client-secret (rotated in Developer Central?)";
        return new IntegrationException(ErrorClass.VALUE, text + "; " + check);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        return endpoint.send(http, request, "Login with Amazon");
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }
}
