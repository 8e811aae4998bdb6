package io.omnisync.connector.ebay;

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
import java.util.Base64;

/**
 * The seller's user access token, obtained from the refresh token ({@code grant_type=refresh_token}, client id and
 * secret as Basic credentials, the configured scopes), kept until {@code token-renewal-margin} before it expires,
 * and dropped when eBay refuses it so that the next call refreshes. The tokens are never logged.
 */
final class EbayUserToken {

    private static final String PREFIX = "omnisync.connector.ebay.";

    private final EbayProperties properties;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final OutboundEndpoint endpoint;
    private String token;
    private Instant renewAt = Instant.MIN;
    private int refreshes;

    EbayUserToken(EbayProperties properties, HttpClient http, ObjectMapper mapper, Clock clock, OutboundEndpoint endpoint) {
        this.endpoint = endpoint;
        this.properties = properties;
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The token to send; refreshed when there is none or it is about to expire. */
    synchronized String current() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            refresh();
        }
        return token;
    }

    /** Forgets the token if it is still the one eBay refused. */
    synchronized void refused(String refusedToken) {
        if (refusedToken.equals(token)) {
            token = null;
        }
    }

    /** How many times a token was obtained (for the health details). */
    synchronized int refreshes() {
        return refreshes;
    }

    private void refresh() {
        String form = "grant_type=refresh_token&refresh_token=" + form(properties.getRefreshToken())
                + "&scope=" + form(String.join(" ", properties.getScopes()));
        String basic = Base64.getEncoder().encodeToString((properties.getClientId() + ":" + properties.getClientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.getTokenUrl()))
                .timeout(properties.getReadTimeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<byte[]> response = send(request);
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw refusal(response.statusCode(), body);
        }
        Instant now = clock.instant();
        Duration lifetime = Duration.ofSeconds(body.path("expires_in").asLong(7200));
        Duration margin = properties.getTokenRenewalMargin();
        renewAt = now.plus(lifetime.compareTo(margin.multipliedBy(2)) > 0 ? lifetime.minus(margin) : lifetime.dividedBy(2));
        token = body.get("access_token").asText();
        refreshes++;
    }

    /** eBay's OAuth errors ({@code {"error": "invalid_grant", "error_description": ...}}) as what to check. */
    private static IntegrationException refusal(int status, JsonNode body) {
        String error = body.path("error").asText("");
        String description = body.path("error_description").asText("");
        String said = "eBay's token endpoint answered " + status + (error.isEmpty() ? "" : " " + error)
                + (description.isEmpty() ? "" : " (" + description + ")");
        if (status >= 500 || status == 429) {
            return new IntegrationException(status == 429 ? ErrorClass.RATE_LIMIT : ErrorClass.INTERMITTENT, said);
        }
        String check = switch (error) {
            case "invalid_client" -> PREFIX + "client-id and " + PREFIX + "client-secret";
            case "invalid_scope" -> PREFIX + "scopes (the refresh token was not granted them)";
            default -> PREFIX + "refresh-token (expired, revoked or issued to another application)";
        };
        return new IntegrationException(ErrorClass.VALUE, said + ": check " + check);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        return endpoint.send(http, request, "eBay's token endpoint");
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
