package io.omnisync.platform.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.event.CanonicalEvent;
import java.util.Optional;
import org.springframework.http.ProblemDetail;

/**
 * A system that calls omnisync's webhooks at {@code POST /webhooks/<system>/<event>}. Connectors implement
 * it: how a delivery is verified, which JSONata mapping turns an event into canonical events, and which id
 * a delivery has for dedupe.
 */
public interface WebhookSource {

    /** The URL segment, e.g. {@code magento}. */
    String system();

    /**
     * The source its events are journalled under, which scopes their dedupe keys; by default {@link #system()}.
     * Two transports of one system (Magento's async events and Adobe Commerce webhooks) share it, so the same
     * change reported by both is journalled once.
     */
    default String journalSource() {
        return system();
    }

    /** Checks the signature on the raw bytes, before anything is parsed. */
    boolean verify(WebhookRequest request);

    /** The mapping (path under the mappings folder) for an event name; empty for events this source does not send. */
    Optional<String> mappingFor(String eventName);

    /** The JSON the mapping reads; by default {@code {"event": <name>, "body": <body>}}. */
    default JsonNode mappingInput(WebhookRequest request, JsonNode body) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("event", request.eventName());
        input.set("body", body);
        return input;
    }

    /** The sender's id of this delivery's event, if it has one; otherwise the body's SHA-256 is used. */
    default Optional<String> sourceEventId(WebhookRequest request, JsonNode body) {
        return Optional.empty();
    }

    /**
     * The dedupe key of one normalised event when it can be derived from the state the event describes (so a
     * webhook and a poll of the same change share it); empty to key it by the delivery ({@link #sourceEventId},
     * numbered {@code #1}, {@code #2}... after the first event of a delivery).
     */
    default Optional<String> eventKey(CanonicalEvent event) {
        return Optional.empty();
    }

    /** The body of the 200 answer to an accepted delivery; by default the outcome ({@code {"status", "accepted", "duplicates"}}). */
    default Object reply(WebhookOutcome outcome) {
        return outcome;
    }

    /** Adds what this sender needs to the problem body of a refused delivery (status and detail stay); by default nothing. */
    default void describeProblem(ProblemDetail problem) {
    }
}
