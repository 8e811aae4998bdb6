package io.omnisync.platform.journal;

import java.time.Instant;

/** One stored event as the bus hands it to a route. */
public record JournalEntry(long id, String source, String sourceEventId, String eventType, String domain,
                           String entityKey, String payload, Instant receivedAt) {
}
