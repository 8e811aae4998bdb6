package io.omnisync.connector.magento;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * An admin token (POST /V1/integration/admin/token), obtained on first use, renewed ten minutes before its
 * lifetime ends (Magento's default lifetime is 4 hours), and dropped when Magento answers 401 so the next call
 * signs in again.
 */
final class MagentoAdminToken {

    private static final Duration MARGIN = Duration.ofMinutes(10);

    private final Supplier<String> signIn;
    private final Duration renewAfter;
    private final Clock clock;
    private String token;
    private Instant obtainedAt;

    MagentoAdminToken(Supplier<String> signIn, Duration lifetime, Clock clock) {
        this.signIn = signIn;
        this.renewAfter = lifetime.compareTo(MARGIN.multipliedBy(2)) > 0 ? lifetime.minus(MARGIN) : lifetime.dividedBy(2);
        this.clock = clock;
    }

    /** The token to send; signs in when there is none or it is about to expire. */
    synchronized String current() {
        if (token == null || !clock.instant().isBefore(obtainedAt.plus(renewAfter))) {
            token = signIn.get();
            obtainedAt = clock.instant();
        }
        return token;
    }

    /** Forgets the token if it is still the one that was refused. */
    synchronized void refused(String refusedToken) {
        if (refusedToken.equals(token)) {
            token = null;
        }
    }
}
