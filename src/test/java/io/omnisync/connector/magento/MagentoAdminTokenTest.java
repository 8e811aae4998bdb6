package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The admin token is renewed ten minutes before Magento's 4-hour lifetime ends, and after a refusal. */
class MagentoAdminTokenTest {

    private final AtomicInteger signIns = new AtomicInteger();
    private final MovingClock clock = new MovingClock();
    private final MagentoAdminToken token = new MagentoAdminToken(() -> "token-" + signIns.incrementAndGet(),
            Duration.ofHours(4), clock);

    @Test
    void shouldReuseTheTokenUntilTenMinutesBeforeItExpires() {
        assertThat(token.current()).isEqualTo("token-1");
        clock.advance(Duration.ofHours(3).plusMinutes(49));
        assertThat(token.current()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(token.current()).isEqualTo("token-2");
        assertThat(signIns).hasValue(2);
    }

    @Test
    void shouldSignInAgainAfterMagentoRefusedTheTokenButNotForAnOlderRefusal() {
        String first = token.current();
        token.refused(first);
        String second = token.current();
        token.refused(first); // a late 401 for the old token must not drop the new one

        assertThat(second).isEqualTo("token-2");
        assertThat(token.current()).isEqualTo("token-2");
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
