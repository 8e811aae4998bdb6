package io.omnisync.platform.deadletter;

import io.omnisync.platform.error.ErrorClass;
import java.time.Instant;

/** A record that could not be processed, with everything an operator needs to act on it. */
public record DeadLetter(long id, String routeId, Long journalId, String source, String sourceEventId,
                         String eventType, String entityKey, String payload, ErrorClass errorClass, String reason,
                         int attempts, Instant firstFailedAt, Instant lastFailedAt, String status) {
}
