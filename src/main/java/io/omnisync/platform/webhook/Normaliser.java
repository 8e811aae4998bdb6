package io.omnisync.platform.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.event.CanonicalEvent;
import io.omnisync.platform.mapping.Mappings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Runs a source's JSONata mapping and reads its output as canonical events: one event object (with its
 * {@code type}), an array of them, or nothing (the delivery carries nothing omnisync syncs).
 */
public class Normaliser {

    private final Mappings mappings;
    private final ObjectMapper mapper;

    public Normaliser(Mappings mappings, ObjectMapper mapper) {
        this.mappings = mappings;
        this.mapper = mapper;
    }

    /** False while omnisync is starting: nothing can be normalised yet. */
    public boolean ready() {
        return mappings.ready();
    }

    public List<CanonicalEvent> normalise(String mapping, JsonNode input) {
        JsonNode output = run(mapping, input);
        List<CanonicalEvent> events = new ArrayList<>();
        if (output == null || output.isNull() || output.isMissingNode()) {
            return events;
        }
        if (output.isArray()) {
            output.forEach(node -> events.add(toEvent(mapping, node)));
        } else {
            events.add(toEvent(mapping, output));
        }
        return events;
    }

    private JsonNode run(String mapping, JsonNode input) {
        String result;
        try {
            result = mappings.transform(mapping, input.toString());
        } catch (RuntimeException e) {
            throw new WebhookRejected(HttpStatus.UNPROCESSABLE_ENTITY, "unmappable", "mapping " + mapping
                    + " could not transform this body: " + WebhookIngress.firstLine(ErrorClassifier.rootMessage(e)));
        }
        if (result == null || result.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mapping " + mapping + " produced no JSON", e);
        }
    }

    private CanonicalEvent toEvent(String mapping, JsonNode node) {
        try {
            return mapper.treeToValue(node, CanonicalEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new WebhookRejected(HttpStatus.UNPROCESSABLE_ENTITY, "unmappable", "mapping " + mapping
                    + " did not produce a valid canonical event from this body: "
                    + WebhookIngress.firstLine(ErrorClassifier.rootMessage(e)));
        }
    }
}
