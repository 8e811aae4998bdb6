package io.omnisync.platform.bus;

/** A claimed bus row: which journal entry, for which route, how many deliveries so far. */
public record BusMessage(long id, String topic, String group, String key, long journalId, int attempts) {
}
