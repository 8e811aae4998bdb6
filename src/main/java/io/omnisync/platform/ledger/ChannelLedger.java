package io.omnisync.platform.ledger;

import io.omnisync.platform.jdbc.Rows;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The last value and version applied or sent per (channel, kind, sku), e.g. (amazon, quantity, OS-0001).
 * {@link #record} keeps only newer versions, which is how stale events are recognised and dropped.
 */
public class ChannelLedger {

    /** A ledger row. */
    public record Entry(String channel, String kind, String sku, String value, long version) {
    }

    private static final int IN_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ChannelLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores value and version unless the ledger already holds this or a newer version.
     *
     * @return true if recorded, false if the event was stale (its version is not newer)
     */
    public boolean record(String channel, String kind, String sku, String value, long version) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update("UPDATE channel_ledger SET value_text = ?, version = ?, updated_at = ? "
                + "WHERE channel = ? AND kind = ? AND sku = ? AND version < ?", value, version, now, channel, kind, sku, version);
        if (updated == 1) {
            return true;
        }
        if (find(channel, kind, sku).isPresent()) {
            return false;
        }
        // another instance may insert the same row at the same moment: then this record is an update of it
        if (Rows.insertIfAbsent(jdbc, "INSERT INTO channel_ledger (channel, kind, sku, value_text, version, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", channel, kind, sku, value, version, now)) {
            return true;
        }
        return jdbc.update("UPDATE channel_ledger SET value_text = ?, version = ?, updated_at = ? WHERE channel = ? "
                + "AND kind = ? AND sku = ? AND version < ?", value, version, now, channel, kind, sku, version) == 1;
    }

    /** The ledger row, if any. */
    public Optional<Entry> find(String channel, String kind, String sku) {
        return jdbc.query("SELECT channel, kind, sku, value_text, version FROM channel_ledger "
                + "WHERE channel = ? AND kind = ? AND sku = ?", (rs, i) -> new Entry(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getLong(5)), channel, kind, sku).stream().findFirst();
    }

    // ------------------------------------------------------------ what a channel account shows (pushes)

    /** The quantity last pushed to a channel account for a SKU, as plain text (empty: never pushed). */
    public Optional<String> shownQuantity(String channel, String account, String sku) {
        return find(channel, "qty:" + account, sku).map(Entry::value);
    }

    /**
     * The quantities last pushed to a channel account for these SKUs, by SKU (a SKU never pushed is absent): a
     * primary-key lookup per SKU, in one statement per {@value #IN_CHUNK} SKUs, for a flush of many SKUs.
     */
    public Map<String, String> shownQuantities(String channel, String account, Collection<String> skus) {
        Map<String, String> shown = new HashMap<>();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(skus));
        for (int from = 0; from < distinct.size(); from += IN_CHUNK) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IN_CHUNK));
            List<Object> args = new ArrayList<>(chunk.size() * 3);
            chunk.forEach(sku -> args.addAll(List.of(channel, "qty:" + account, sku)));
            jdbc.query(valuesSql(chunk.size()), rs -> {
                shown.put(rs.getString(1), rs.getString(2));
            }, args.toArray());
        }
        return shown;
    }

    /**
     * The query for the values of n rows, parameters (channel, kind, sku) per row. "channel = ? AND kind = ? AND sku
     * IN (...)" would make H2 walk every SKU of the (channel, kind) and test the list on each row.
     */
    static String valuesSql(int rows) {
        return "SELECT sku, value_text FROM channel_ledger WHERE (channel, kind, sku) IN ("
                + String.join(",", Collections.nCopies(rows, "(?, ?, ?)")) + ")";
    }

    /** The price last pushed to a channel account for a SKU, as {@link #priceValue} (empty: never pushed). */
    public Optional<String> shownPrice(String channel, String account, String sku) {
        return find(channel, "price:" + account, sku).map(Entry::value);
    }

    /** How a shown price is kept: currency and amount, e.g. {@code EUR 24.5}. */
    public static String priceValue(String currency, java.math.BigDecimal price) {
        return currency + " " + price.toPlainString();
    }

    /** Records what a push made a channel account show of a SKU: its quantity and/or price, whichever the change holds. */
    public void recordShown(String channel, String account, io.omnisync.platform.channel.ListingChange change, long version) {
        if (change.quantity() != null) {
            record(channel, "qty:" + account, change.sku(), change.quantity().toPlainString(), version);
        }
        if (change.price() != null) {
            record(channel, "price:" + account, change.sku(), priceValue(change.currency(), change.price()), version);
        }
    }
}
