package io.omnisync.platform.bus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.journal.JournalEntry;
import java.io.ByteArrayOutputStream;
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

    /** The stored payload is JSON the journal wrote itself, so it is embedded as it is, without parsing it again. */
    static byte[] write(ObjectMapper mapper, JournalEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(entry.payload().length() + 256);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("journalId", entry.id());
            json.writeStringField("source", entry.source());
            json.writeStringField("sourceEventId", entry.sourceEventId());
            json.writeStringField("type", entry.eventType());
            json.writeStringField("domain", entry.domain());
            json.writeStringField("key", entry.entityKey());
            json.writeStringField("receivedAt", entry.receivedAt().toString());
            json.writeFieldName("event");
            json.writeRawValue(entry.payload());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("journal entry " + entry.id() + " could not be written as a record", e);
        }
        return out.toByteArray();
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
