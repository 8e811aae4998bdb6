// The bus path alone: appends N StockChanged events to the journal and the kafka bus's outbox in one transaction (what
// N webhooks would have committed), then measures how long the relay (journal -> Kafka) and the stock flow (Kafka ->
// route effect -> journal PROCESSED) take to get through them. Usage: Append.java <jdbc url> <events> <source code>
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

public class Append {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int events = Integer.parseInt(args[1]);
        String source = args[2];
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.setAutoCommit(false);
            long base = System.currentTimeMillis();
            try (Statement s = c.createStatement()) {
                // 1,000 SKUs, versions growing with n: one SKU's events are in order and none is stale
                s.executeUpdate("INSERT INTO journal (source, source_event_id, event_type, domain, entity_key, payload, received_at, status) "
                        + "SELECT 'magento', 'bulk-" + base + "-' || n, 'StockChanged', 'stock', 'BULK-' || (n % 1000), "
                        + "'{\"type\":\"StockChanged\",\"sku\":\"BULK-' || (n % 1000) || '\",\"sourceCode\":\"" + source + "\","
                        + "\"quantity\":' || (n % 97) || ',\"inStock\":true,\"version\":' || (" + base + "::bigint * 1000 + n) "
                        + "|| ',\"occurredAt\":\"2026-11-22T12:00:00Z\"}', now(), 'PENDING' FROM generate_series(1, " + events + ") n");
                s.executeUpdate("INSERT INTO bus_outbox (journal_id, topic, message_key, created_at) SELECT id, 'stock', entity_key, now() "
                        + "FROM journal WHERE source_event_id LIKE 'bulk-" + base + "-%' ORDER BY id");
            }
            c.commit();
            c.setAutoCommit(true);
            long started = System.nanoTime();
            long published = -1;
            while (true) {
                // cheap probes (a COUNT over a 100k-row backlog every few ms would take CPU from what is measured)
                if (published < 0 && count(c, "SELECT COUNT(*) FROM (SELECT 1 FROM bus_outbox LIMIT 1) o") == 0) {
                    published = System.nanoTime();
                }
                if (count(c, "SELECT COUNT(*) FROM (SELECT 1 FROM journal WHERE status = 'PENDING' LIMIT 1) p") == 0) {
                    break;
                }
                Thread.sleep(250);
            }
            double total = (System.nanoTime() - started) / 1e9;
            double relay = (published - started) / 1e9;
            System.out.printf("== bus path: %d events appended in one transaction; relayed to Kafka in %.1f s (%.0f/s); "
                    + "all processed by the stock flow in %.1f s: %.0f events/s%n", events, relay, events / relay, total, events / total);
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
