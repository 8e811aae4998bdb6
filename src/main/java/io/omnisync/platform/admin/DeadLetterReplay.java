package io.omnisync.platform.admin;

import io.omnisync.platform.audit.AuditLog;
import io.omnisync.platform.bus.BusPublisher;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.deadletter.DeadLetter;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.event.Domain;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.JournalEntry;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operator actions on dead letters. A replay queues the journalled event again for the route that gave up on it,
 * through the same bus and idempotent route as live traffic: the route's sinks read current state first
 * (cross-references, ext_order_id, ledger versions), so a replay after a long time, or twice, has one effect.
 * Every action, done or refused, is written to the audit log.
 */
@Service
public class DeadLetterReplay {

    /** What happened to one dead letter. */
    public record Outcome(long id, String result, String detail) {
    }

    private final DeadLetters deadLetters;
    private final Journal journal;
    private final BusPublisher bus;
    private final BusSignal signal;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final io.omnisync.platform.privacy.CustomerErasure erasure;

    public DeadLetterReplay(DeadLetters deadLetters, Journal journal, BusPublisher bus, BusSignal signal, AuditLog audit,
                            TransactionTemplate tx, io.omnisync.platform.privacy.CustomerErasure erasure) {
        this.erasure = erasure;
        this.deadLetters = deadLetters;
        this.journal = journal;
        this.bus = bus;
        this.signal = signal;
        this.audit = audit;
        this.tx = tx;
    }

    public Outcome replay(long id, String actor) {
        Outcome outcome = tx.execute(s -> replayInTransaction(id));
        audit.record(actor, "dead-letter.replay", "dead-letter:" + id, outcome.result() + ": " + outcome.detail());
        if ("replayed".equals(outcome.result())) {
            signal.wakeUp();
        }
        return outcome;
    }

    private Outcome replayInTransaction(long id) {
        Optional<DeadLetter> found = deadLetters.find(id);
        if (found.isEmpty()) {
            return new Outcome(id, "not-found", "no dead letter " + id);
        }
        DeadLetter letter = found.get();
        if (!DeadLetters.OPEN.equals(letter.status())) {
            return new Outcome(id, "not-open", "dead letter " + id + " is " + letter.status().toLowerCase(Locale.ROOT));
        }
        Optional<JournalEntry> entry = letter.journalId() == null ? Optional.empty() : journal.find(letter.journalId());
        if (entry.isEmpty()) {
            return new Outcome(id, "not-replayable", "dead letter " + id + " has no journal entry to replay from (a "
                    + "record a poller could not map): fix the mapping and it is read again by the poll that covers it");
        }
        if (erasure.forgotten(entry.get().id())) {
            return new Outcome(id, "not-replayable", "dead letter " + id + " cannot be replayed: its customer's personal "
                    + "data was purged (forget customer), so the event would act on masked data; discard it");
        }
        if (!deadLetters.close(id, DeadLetters.REPLAYED)) {
            return new Outcome(id, "not-open", "dead letter " + id + " was closed concurrently");
        }
        JournalEntry e = entry.get();
        journal.reopen(e.id());
        bus.publishTo(e.id(), Domain.valueOf(e.domain().toUpperCase(Locale.ROOT)), e.entityKey(), letter.routeId());
        return new Outcome(id, "replayed", "queued journal entry " + e.id() + " for route " + letter.routeId());
    }

    public Outcome discard(long id, String actor, String reason) {
        boolean closed = Boolean.TRUE.equals(tx.execute(s -> deadLetters.close(id, DeadLetters.DISCARDED)));
        Outcome outcome = closed ? new Outcome(id, "discarded", reason == null ? "" : reason)
                : new Outcome(id, "not-open", "dead letter " + id + " is not open");
        audit.record(actor, "dead-letter.discard", "dead-letter:" + id, outcome.result()
                + (reason == null || reason.isBlank() ? "" : ": " + reason));
        return outcome;
    }
}
