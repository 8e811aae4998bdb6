package io.omnisync.platform.journal;

import io.omnisync.platform.event.CanonicalEvent;

/** A canonical event with the id its source gave it (or a content hash where the source gives none). */
public record SourcedEvent(String sourceEventId, CanonicalEvent event) {
}
