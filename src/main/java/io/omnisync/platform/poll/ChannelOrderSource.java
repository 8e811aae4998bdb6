package io.omnisync.platform.poll;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.stream.Stream;

/** A channel whose orders omnisync polls: implemented by the channel's connector (Amazon, eBay). */
public interface ChannelOrderSource {

    /** The channel name, also the journal source: amazon, ebay. */
    String channel();

    /** Orders changed at or after {@code since}, read page by page. */
    Stream<JsonNode> changedSince(Instant since);

    /** When the order last changed on the channel (ISO-8601), the poll's high-water mark. */
    String changedAt(JsonNode order);

    /** The channel's order id. */
    String orderId(JsonNode order);

    /** What the mapping reads, e.g. {@code {"order": ..., "items": [...]}} (the connector may read more here). */
    JsonNode mappingInput(JsonNode order);

    /** The JSONata mapping (path under the mappings folder) to canonical order events. */
    String mapping();
}
