package io.omnisync.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How many rows H2 reads to run a statement ({@code EXPLAIN ANALYZE}'s scan counts, summed over its tables): lets a
 * test pin a hot-path query to an index lookup, so a plan that walks a whole table fails a test instead of a benchmark.
 */
public final class H2Plans {

    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private H2Plans() {
    }

    /** The rows read running {@code sql} with {@code args}, and the plan, for the assertion's message. */
    public record Scan(long rows, String plan) {
    }

    public static Scan explainAnalyze(JdbcTemplate jdbc, String sql, Object... args) {
        String plan = jdbc.queryForObject("EXPLAIN ANALYZE " + sql, String.class, args);
        Matcher m = SCAN_COUNT.matcher(plan == null ? "" : plan);
        long rows = 0;
        while (m.find()) {
            rows += Long.parseLong(m.group(1));
        }
        return new Scan(rows, plan);
    }
}
