package io.omnisync.platform.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.platform.bus.BusPublisher;
import io.omnisync.platform.event.CanonicalEvent;
import io.omnisync.platform.jdbc.Rows;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable inbox. {@link #append} stores a delivery's events and hands them to the bus in one
 * transaction, so a sender is acknowledged only for events that are both stored and queued; a repeat of
 * (source, sourceEventId) is counted and dropped.
 *
 * <p>Group commit: deliveries appended at the same moment by different threads (concurrent webhooks) share one
 * transaction. Each caller queues its delivery and takes the commit lock; whoever holds it commits everything queued
 * so far in one transaction, and every caller returns only once the commit that holds its events is done. So a
 * sender is still acknowledged only for committed events, while the state database commits once per group instead
 * of once per delivery (on H2 with {@code WRITE_DELAY=0} the commit is most of an append's cost). A group that fails
 * as a whole is appended again one delivery at a time, so one bad delivery cannot fail the others. A caller already
 * inside a transaction (a route producing an event, a poller) appends in that transaction, as before.
 */
public class Journal {

    public static final String PENDING = "PENDING";
    public static final String PROCESSED = "PROCESSED";
    public static final String FAILED = "FAILED";
    public static final String UNROUTED = "UNROUTED";

    private static final RowMapper<JournalEntry> ENTRY = (rs, i) -> new JournalEntry(rs.getLong("id"),
            rs.getString("source"), rs.getString("source_event_id"), rs.getString("event_type"),
            rs.getString("domain"), rs.getString("entity_key"), rs.getString("payload"),
            rs.getTimestamp("received_at").toInstant());

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final BusPublisher bus;
    private final Clock clock;
    private final ConcurrentLinkedQueue<QueuedAppend> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();

    /** Most deliveries one group commit takes; the rest wait for the next one. */
    static final int MAX_GROUP = 200;

    /** A delivery waiting for a group commit, completed by whichever thread commits it. */
    private record QueuedAppend(String source, List<SourcedEvent> events, CompletableFuture<AppendResult> result) {
    }

    public Journal(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper mapper, BusPublisher bus, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
        this.bus = bus;
        this.clock = clock;
    }

    /** Stores the new events of one delivery and queues them, all or nothing; returns once they are committed. */
    public AppendResult append(String source, List<SourcedEvent> events) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return appendAlone(source, events);
        }
        QueuedAppend mine = new QueuedAppend(source, events, new CompletableFuture<>());
        queued.add(mine);
        committing.lock();
        try {
            while (!mine.result().isDone()) {
                commitQueued();
            }
        } finally {
            committing.unlock();
        }
        try {
            return mine.result().join();
        } catch (CompletionException e) {
            // the same exception the caller would have seen appending alone (a database outage is answered 503)
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Deliveries queued for the next group commit (for tests that form a group on purpose). */
    int queuedDeliveries() {
        return queued.size();
    }

    /**
     * Commits up to {@value #MAX_GROUP} queued deliveries in one transaction; called under the commit lock. When the
     * state database cannot be reached (no connection within the pool's timeout, or the connection broke), the group
     * and every delivery queued behind it are answered with that failure at once (503, the sender retries): appending
     * them again one at a time would make each wait out the pool's timeout in turn, and the last ones would wait longer
     * than any sender does.
     */
    private void commitQueued() {
        List<QueuedAppend> group = new ArrayList<>();
        QueuedAppend next;
        while (group.size() < MAX_GROUP && (next = queued.poll()) != null) {
            group.add(next);
        }
        RuntimeException unreachable = null;
        if (group.size() > 1) {
            try {
                List<AppendResult> results = tx.execute(status -> group.stream()
                        .map(a -> appendInTransaction(a.source(), a.events())).toList());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).result().complete(results.get(i));
                }
                return;
            } catch (RuntimeException groupFailed) {
                // rolled back as a whole: a delivery racing its own repeat on another instance, or one the database
                // refuses. Each is appended again on its own, so only that one fails; unless the database is away.
                unreachable = unreachable(groupFailed) ? groupFailed : null;
            }
        }
        for (QueuedAppend a : group) {
            if (unreachable != null) {
                a.result().completeExceptionally(unreachable);
                continue;
            }
            try {
                a.result().complete(appendAlone(a.source(), a.events()));
            } catch (RuntimeException e) {
                a.result().completeExceptionally(e);
                unreachable = unreachable(e) ? e : null;
            }
        }
        if (unreachable != null) {
            while ((next = queued.poll()) != null) {
                next.result().completeExceptionally(unreachable);
            }
        }
    }

    /** The failure says the state database could not be reached, not that it refused this delivery. */
    static boolean unreachable(Throwable failure) {
        return failure instanceof TransactionException || failure instanceof DataAccessResourceFailureException
                || failure instanceof TransientDataAccessResourceException || failure instanceof RecoverableDataAccessException;
    }

    private AppendResult appendAlone(String source, List<SourcedEvent> events) {
        try {
            return tx.execute(status -> appendInTransaction(source, events));
        } catch (DuplicateKeyException raceWithConcurrentDelivery) {
            // Another delivery of the same event committed between our check and insert: the repeat
            // now finds it and counts it as a duplicate.
            return tx.execute(status -> appendInTransaction(source, events));
        }
    }

    private AppendResult appendInTransaction(String source, List<SourcedEvent> events) {
        List<Long> ids = new ArrayList<>();
        int duplicates = 0;
        for (SourcedEvent sourced : events) {
            if (exists(source, sourced.sourceEventId())) {
                duplicates++;
                continue;
            }
            long id = insert(source, sourced);
            if (bus.publish(id, sourced.event().domain(), sourced.event().entityKey()) == 0) {
                jdbc.update("UPDATE journal SET status = ?, processed_at = ? WHERE id = ?", UNROUTED, now(), id);
            }
            ids.add(id);
        }
        return new AppendResult(List.copyOf(ids), duplicates);
    }

    private boolean exists(String source, String sourceEventId) {
        return Rows.exists(jdbc, "SELECT 1 FROM journal WHERE source = ? AND source_event_id = ?", source, sourceEventId);
    }

    private long insert(String source, SourcedEvent sourced) {
        CanonicalEvent event = sourced.event();
        String payload = toJson(event);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO journal (source, source_event_id, event_type, domain, "
                    + "entity_key, payload, received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, source);
            ps.setString(2, sourced.sourceEventId());
            ps.setString(3, event.type());
            ps.setString(4, event.domain().topic());
            ps.setString(5, event.entityKey());
            ps.setString(6, payload);
            ps.setTimestamp(7, now());
            ps.setString(8, PENDING);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    /** The entry with this id, if retention has not removed it. */
    public Optional<JournalEntry> find(long id) {
        return jdbc.query("SELECT * FROM journal WHERE id = ?", ENTRY, id).stream().findFirst();
    }

    /** The entries with these ids that retention has not removed, by id (one query). */
    public java.util.Map<Long, JournalEntry> findAll(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        java.util.Map<Long, JournalEntry> found = new java.util.HashMap<>();
        jdbc.query("SELECT * FROM journal WHERE id IN (" + in + ")", ENTRY, ids.toArray()).forEach(e -> found.put(e.id(), e));
        return found;
    }

    /** Reads a stored payload back into its canonical event. */
    public CanonicalEvent event(JournalEntry entry) {
        try {
            return mapper.readValue(entry.payload(), CanonicalEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal entry " + entry.id() + " holds no readable event", e);
        }
    }

    /** Parses canonical event JSON (with its {@code type} field). */
    public CanonicalEvent parse(String json) {
        try {
            return mapper.readValue(json, CanonicalEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a canonical event: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Locks the entry before a route acknowledges its bus message, so routes finishing the same event one after
     * the other each see the others' acknowledgements: without it two routes could each still see the other's
     * uncommitted message, and neither would mark the entry processed.
     */
    public void lockForCompletion(long journalId) {
        jdbc.query("SELECT id FROM journal WHERE id = ? FOR UPDATE", rs -> null, journalId);
    }

    /** Marks the entry processed once no route still has it queued; called inside the consumer's transaction. */
    public void completeIfLast(long journalId) {
        jdbc.update("UPDATE journal SET status = ?, processed_at = ? WHERE id = ? AND status = ? "
                + "AND NOT EXISTS (SELECT 1 FROM bus_message WHERE journal_id = ?)",
                PROCESSED, now(), journalId, PENDING, journalId);
    }

    /**
     * {@link #lockForCompletion} and {@link #completeIfLast} for a batch of a route's acknowledgements, around
     * {@code acknowledge} (which deletes their bus rows): the entries are locked in id order (so two routes completing
     * overlapping batches cannot deadlock), then those no route still has queued are marked processed.
     */
    public void completeIfLast(java.util.Collection<Long> journalIds, Runnable acknowledge) {
        if (journalIds.isEmpty()) {
            acknowledge.run();
            return;
        }
        List<Long> pending = lockPending(journalIds);
        acknowledge.run();
        if (pending.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>(List.of(PROCESSED, now()));
        args.addAll(pending);
        jdbc.update("UPDATE journal SET status = ?, processed_at = ? WHERE id IN (" + marks(pending.size()) + ") "
                + "AND NOT EXISTS (SELECT 1 FROM bus_message b WHERE b.journal_id = journal.id)", args.toArray());
    }

    /**
     * Locks the entries in id order (so two routes completing overlapping batches cannot deadlock) and answers those
     * still pending, which the lock keeps so. The later update then names only ids: with "status = ? AND id IN (...)"
     * H2 walks the status index over every pending entry instead of looking the ids up, which slows with the backlog.
     */
    private List<Long> lockPending(java.util.Collection<Long> journalIds) {
        List<Long> ids = journalIds.stream().distinct().sorted().toList();
        List<Long> pending = new ArrayList<>(ids.size());
        jdbc.query("SELECT id, status FROM journal WHERE id IN (" + marks(ids.size()) + ") ORDER BY id FOR UPDATE", rs -> {
            if (PENDING.equals(rs.getString(2))) {
                pending.add(rs.getLong(1));
            }
        }, ids.toArray());
        return pending;
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    /**
     * The kafka bus's completion, once per consumer transaction: locks the entries (in id order, so two routes
     * completing overlapping batches cannot deadlock) and marks processed those for which every route subscribed to
     * their topic has recorded its effect (idempotency key {@code route:<group>}). The lock makes a route that finishes
     * an event right after another see the other's key, as {@link #lockForCompletion} does for the jdbc bus.
     */
    public void completeIfAllRoutesDone(java.util.Collection<Long> journalIds) {
        if (journalIds.isEmpty()) {
            return;
        }
        List<Long> pending = lockPending(journalIds);
        if (pending.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>(List.of(PROCESSED, now()));
        args.addAll(pending);
        jdbc.update("UPDATE journal SET status = ?, processed_at = ? WHERE id IN (" + marks(pending.size()) + ") AND NOT EXISTS ("
                + "SELECT 1 FROM bus_subscription s WHERE s.topic = journal.domain AND NOT EXISTS (SELECT 1 FROM "
                + "idempotency_key k WHERE k.scope = CONCAT('route:', s.group_name) AND k.idem_key = CAST(journal.id AS VARCHAR(20))))",
                args.toArray());
    }

    /** Marks a failed entry pending again, for a replay; it is marked processed when its routes are done. */
    public void reopen(long journalId) {
        jdbc.update("UPDATE journal SET status = ?, processed_at = NULL WHERE id = ?", PENDING, journalId);
    }

    /** Marks the entry failed: one of its routes gave up on it and wrote a dead letter. */
    public void markFailed(long journalId) {
        jdbc.update("UPDATE journal SET status = ?, processed_at = ? WHERE id = ?", FAILED, now(), journalId);
    }

    private String toJson(CanonicalEvent event) {
        try {
            return mapper.writerFor(CanonicalEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + event.type(), e);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
