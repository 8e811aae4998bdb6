package io.omnisync.platform.bus;

import io.omnisync.platform.event.Domain;

/** Queues a journalled event for every route that consumes its domain's topic. */
public interface BusPublisher {

    /**
     * Called inside the journal's transaction.
     *
     * @return how many consuming routes the event was queued for (0: nobody consumes the topic)
     */
    int publish(long journalId, Domain domain, String key);

    /** Queues a journalled event again for one consuming route only (a replay from the dead-letter store). */
    void publishTo(long journalId, Domain domain, String key, String group);
}
