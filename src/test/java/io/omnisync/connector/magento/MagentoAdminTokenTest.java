package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.platform.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The admin token is renewed ten minutes before Magento's 4-hour lifetime ends, and after a refusal. */
class MagentoAdminTokenTest {

    private final AtomicInteger signIns = new AtomicInteger();
    private final TestClock clock = new TestClock();
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
}
