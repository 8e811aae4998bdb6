package io.omnisync.connector.magento;

import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.ErrorClassifier;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.event.StockReceived;
import io.omnisync.platform.jdbc.Rows;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inbound stock (an ERP goods receipt, a write-off) applied to an MSI source without ever overwriting what happened
 * there meanwhile. Magento has no "add n units" call for source items, and an absolute write computed from a read
 * loses any shipment deducted in between (magento/magento2#30297). So the units are staged on a source that is
 * assigned to no stock and that omnisync alone writes ({@code inbound-source}), and Magento moves them with
 * {@code POST /V1/inventory/bulk-partial-source-transfer}, which changes both sources relative to their current
 * quantity under a row lock ({@code quantity + qty}). A write-off moves units the other way and refuses to take the
 * destination below zero. Each step's phase is written before the Magento call (in its own transaction), so an
 * attempt that died half-way is finished by the next one, never repeated; one SKU's transfers run one at a time,
 * across instances (a lock on the state database).
 */
public class MagentoStockTransfers {

    private static final Logger LOG = LoggerFactory.getLogger(MagentoStockTransfers.class);

    enum Phase { STAGING, TRANSFERRING, RESETTING, DONE, FAILED }

    /** The staging source holds what omnisync did not put there: left alone for an operator. */
    static final class ForeignUnits extends IntegrationException {
        ForeignUnits(String message) {
            super(ErrorClass.VALUE, message + ": someone else writes to it; move those units in Magento's admin, set it to "
                    + "0 and replay");
        }
    }

    record Transfer(String key, String sku, String source, BigDecimal quantity, Phase phase) {
        boolean inbound() {
            return quantity.signum() > 0;
        }

        BigDecimal units() {
            return quantity.abs();
        }
    }

    private final MagentoInventory inventory;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;
    private final LockRegistry locks;
    private final String inbound;
    private final Clock clock;

    public MagentoStockTransfers(MagentoInventory inventory, JdbcTemplate jdbc, TransactionTemplate requiresNew, LockRegistry locks,
                                 MagentoProperties properties, Clock clock) {
        this.inventory = inventory;
        this.jdbc = jdbc;
        this.own = requiresNew;
        this.locks = locks;
        this.inbound = properties.getInboundSource();
        this.clock = clock;
    }

    /** Applies one receipt line (route stock-erp-receipts-to-magento); a line applied before is not applied again. */
    public void receive(StockReceived line) {
        apply("erp-receipt:" + line.receiptId() + ":" + line.line(), line.sku(), line.sourceCode(), line.quantity());
    }

    /** Moves {@code quantity} units (negative: takes them off) of a SKU into a source, once per key. */
    public void apply(String key, String sku, String source, BigDecimal quantity) {
        if (inbound.equals(source)) {
            throw new IntegrationException(ErrorClass.VALUE, "receipt line " + key + " names the staging source " + source
                    + " as its destination: name the MSI source the units arrived at");
        }
        Lock lock = locks.obtain("stock-transfer:" + sku);
        try {
            if (!lock.tryLock(30, TimeUnit.SECONDS)) {
                throw new IntegrationException(ErrorClass.INTERMITTENT, "another transfer of " + sku + " holds its lock");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(ErrorClass.INTERMITTENT, "interrupted while waiting for the lock of " + sku);
        }
        try {
            // an earlier attempt that died half-way, whichever line it was, is finished first
            for (Transfer open : open(sku)) {
                complete(open);
            }
            Optional<Transfer> known = find(key);
            if (known.isPresent() && known.get().phase() == Phase.DONE) {
                LOG.debug("stock transfer {} was applied before", key);
                return;
            }
            BigDecimal staged = inboundQuantity(sku).orElse(BigDecimal.ZERO);
            if (staged.signum() != 0) {
                throw new ForeignUnits("staging source " + inbound + " holds " + staged.toPlainString() + " of " + sku
                        + " though omnisync keeps it at 0 between transfers");
            }
            Transfer transfer = new Transfer(key, sku, source, quantity, quantity.signum() > 0 ? Phase.STAGING : Phase.TRANSFERRING);
            if (known.isPresent()) {
                phase(transfer, transfer.phase(), null); // a replay of a line that failed: from the start
            } else {
                own.executeWithoutResult(s -> Rows.insertIfAbsent(jdbc, "INSERT INTO stock_transfer (transfer_key, sku, "
                        + "source_code, quantity, phase, started_at) VALUES (?, ?, ?, ?, ?, ?)", key, sku, source, quantity,
                        transfer.phase().name(), Timestamp.from(clock.instant())));
            }
            complete(transfer);
        } finally {
            lock.unlock();
        }
    }

    /** Takes a transfer from its recorded phase to DONE; each phase is recorded before its Magento call. */
    private void complete(Transfer t) {
        Phase phase = t.phase();
        try {
            while (phase != Phase.DONE) {
                switch (phase) {
                    case STAGING -> {
                        setInbound(t.sku(), t.units());
                        phase = phase(t, Phase.TRANSFERRING, null);
                    }
                    case TRANSFERRING -> phase = transfer(t);
                    case RESETTING -> {
                        setInbound(t.sku(), BigDecimal.ZERO);
                        phase = phase(t, Phase.DONE, null);
                    }
                    default -> throw new IllegalStateException("transfer " + t.key() + " is " + phase);
                }
            }
            LOG.info("stock transfer {}: {} {} of {} at {}", t.key(), t.inbound() ? "received" : "took off", t.units(),
                    t.sku(), t.source());
        } catch (IntegrationException e) {
            if (e.errorClass().transientFailure() || e instanceof ForeignUnits) {
                throw e; // the next attempt finishes from the recorded phase (after an operator cleared foreign units)
            }
            // refused for good (the destination lacks the units, the source does not exist...): back to rest, so the
            // SKU's other receipts go on, and the line is dead-lettered with Magento's reason
            setInbound(t.sku(), BigDecimal.ZERO);
            phase(t, Phase.FAILED, ErrorClassifier.rootMessage(e));
            throw e;
        }
    }

    /** The relative move, or the recognition that it happened: the staging source holds the units before it, not after. */
    private Phase transfer(Transfer t) {
        BigDecimal staged = inboundQuantity(t.sku()).orElse(null);
        if (t.inbound()) {
            if (staged != null && staged.compareTo(t.units()) == 0) {
                ensureSourceItem(t.sku(), t.source());
                move(inbound, t.source(), t);
            } else if (staged == null || staged.signum() != 0) {
                throw new ForeignUnits("staging source " + inbound + " holds " + staged + " of " + t.sku() + " during transfer "
                        + t.key() + ", expected " + t.units() + " or 0");
            }
            return phase(t, Phase.DONE, null);
        }
        if (staged == null || staged.signum() == 0) {
            if (staged == null) {
                setInbound(t.sku(), BigDecimal.ZERO);
            }
            move(t.source(), inbound, t);
        } else if (staged.compareTo(t.units()) != 0) {
            throw new ForeignUnits("staging source " + inbound + " holds " + staged + " of " + t.sku() + " during write-off "
                    + t.key() + ", expected 0 or " + t.units());
        }
        return phase(t, Phase.RESETTING, null);
    }

    private void move(String origin, String destination, Transfer t) {
        inventory.transferPartially(origin, destination, t.sku(), t.units());
    }

    /** Creates the destination's source item (0 units) if the product is not assigned to that source yet. */
    private void ensureSourceItem(String sku, String source) {
        if (sourceItem(sku, source).isEmpty()) {
            writeSourceItem(sku, source, BigDecimal.ZERO, 0);
        }
    }

    private void setInbound(String sku, BigDecimal quantity) {
        writeSourceItem(sku, inbound, quantity, 0);
    }

    /** An absolute write: only ever of the staging source, or of a source item that does not exist yet. */
    private void writeSourceItem(String sku, String source, BigDecimal quantity, int status) {
        inventory.saveSourceItems(List.of(new MagentoInventory.SourceItem(sku, source, quantity, status)));
    }

    private Optional<BigDecimal> inboundQuantity(String sku) {
        return sourceItem(sku, inbound);
    }

    private Optional<BigDecimal> sourceItem(String sku, String source) {
        return inventory.sourceItem(sku, source).map(MagentoInventory.SourceItem::quantity);
    }

    private Phase phase(Transfer t, Phase phase, String error) {
        own.executeWithoutResult(s -> jdbc.update("UPDATE stock_transfer SET phase = ?, last_error = ?, finished_at = ? "
                + "WHERE transfer_key = ?", phase.name(), error == null ? null : error.substring(0, Math.min(1000, error.length())),
                phase == Phase.DONE || phase == Phase.FAILED ? Timestamp.from(clock.instant()) : null, t.key()));
        return phase;
    }

    private List<Transfer> open(String sku) {
        return jdbc.query("SELECT transfer_key, sku, source_code, quantity, phase FROM stock_transfer WHERE sku = ? AND phase IN "
                + "('STAGING', 'TRANSFERRING', 'RESETTING') ORDER BY started_at", (rs, i) -> new Transfer(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getBigDecimal(4), Phase.valueOf(rs.getString(5))), sku);
    }

    private Optional<Transfer> find(String key) {
        return jdbc.query("SELECT transfer_key, sku, source_code, quantity, phase FROM stock_transfer WHERE transfer_key = ?",
                (rs, i) -> new Transfer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        Phase.valueOf(rs.getString(5))), key).stream().findFirst();
    }
}
