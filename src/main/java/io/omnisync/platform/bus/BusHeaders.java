package io.omnisync.platform.bus;

/** Headers and properties the bus sets on every exchange it hands to a route. */
public final class BusHeaders {

    /** The canonical event's type, e.g. StockChanged. */
    public static final String EVENT_TYPE = "OmnisyncEventType";
    /** The SKU or order id the event is keyed by. */
    public static final String ENTITY_KEY = "OmnisyncEntityKey";
    /** The system the event came from, e.g. magento. */
    public static final String SOURCE = "OmnisyncSource";
    /** The id the source gave the event (or its content hash). */
    public static final String SOURCE_EVENT_ID = "OmnisyncSourceEventId";
    /** The journal entry id. */
    public static final String JOURNAL_ID = "OmnisyncJournalId";
    /** Which delivery of this event to this route this is, starting at 1. */
    public static final String ATTEMPT = "OmnisyncAttempt";
    /** Exchange property holding the typed {@link io.omnisync.platform.event.CanonicalEvent}. */
    public static final String EVENT_PROPERTY = "OmnisyncEvent";

    private BusHeaders() {
    }
}
