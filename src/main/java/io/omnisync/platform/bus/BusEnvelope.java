package io.omnisync.platform.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.journal.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The JSON value of a kafka bus record: the journal entry's coordinates and its canonical event, e.g.
 * {@code {"journalId":42,"source":"magento","sourceEventId":"...","type":"StockChanged","domain":"stock",
 * "key":"SKU-1","receivedAt":"2026-11-22T12:00:00Z","event":{...}}}. The record key is the entity key.
 */
final class BusEnvelope {

    private BusEnvelope() {
    }

    static byte[] write(ObjectMapper mapper, JournalEntry entry) {
        try {
            ObjectNode node = mapper.createObjectNode();
            node.put("journalId", entry.id());
            node.put("source", entry.source());
            node.put("sourceEventId", entry.sourceEventId());
            node.put("type", entry.eventType());
            node.put("domain", entry.domain());
            node.put("key", entry.entityKey());
            node.put("receivedAt", entry.receivedAt().toString());
            node.set("event", mapper.readTree(entry.payload()));
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException("journal entry " + entry.id() + " holds no readable event", e);
        }
    }

    /** Reads a record value back; IllegalArgumentException when it is not an envelope (a poison record). */
    static JournalEntry read(ObjectMapper mapper, byte[] value) {
        try {
            JsonNode node = mapper.readTree(value);
            if (node == null || !node.path("journalId").canConvertToLong() || !node.path("event").isObject()) {
                throw new IllegalArgumentException("not an omnisync bus envelope");
            }
            return new JournalEntry(node.path("journalId").asLong(), text(node, "source"), text(node, "sourceEventId"),
                    text(node, "type"), text(node, "domain"), text(node, "key"), node.path("event").toString(),
                    Instant.parse(text(node, "receivedAt")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an omnisync bus envelope: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        return value.asText();
    }
}
