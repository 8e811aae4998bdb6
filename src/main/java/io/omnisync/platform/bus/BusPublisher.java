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
}
