package io.omnisync.sandbox.pos;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How a {@link PosFake} starts.
 *
 * @param port          loopback port, 0 for a free one
 * @param accessToken   the only Bearer token the fake accepts
 * @param contractDir   folder holding {@code api.json} to validate against instead of the classpath copy, or null
 * @param countsPageSize inventory counts per batch-retrieve page when the request sets no limit (Square: 1000)
 * @param clock         the fake's time (created_at, occurred_at, calculated_at)
 */
public record PosFakeOptions(int port, String accessToken, Path contractDir, int countsPageSize, Clock clock) {

    public static PosFakeOptions defaults() {
        return new PosFakeOptions(0, "sandbox-pos-token-0123456789", null, 1000, Clock.systemUTC());
    }

    public PosFakeOptions withPort(int value) {
        return new PosFakeOptions(value, accessToken, contractDir, countsPageSize, clock);
    }

    public PosFakeOptions withAccessToken(String value) {
        return new PosFakeOptions(port, value, contractDir, countsPageSize, clock);
    }

    public PosFakeOptions withContractDir(Path value) {
        return new PosFakeOptions(port, accessToken, value, countsPageSize, clock);
    }

    public PosFakeOptions withCountsPageSize(int value) {
        return new PosFakeOptions(port, accessToken, contractDir, value, clock);
    }
}
