package io.omnisync.platform.bus;

import io.omnisync.platform.config.PlatformProperties;
import io.omnisync.platform.deadletter.DeadLetters;
import io.omnisync.platform.idempotency.IdempotencyKeys;
import io.omnisync.platform.journal.Journal;
import java.time.Clock;
import org.springframework.transaction.support.TransactionTemplate;

/** Everything the {@code bus:} component's consumers and producers need, wired once by Spring. */
public record BusRuntime(JdbcBus bus, Journal journal, IdempotencyKeys idempotency, DeadLetters deadLetters,
                         TransactionTemplate tx, PlatformProperties.Bus settings, BusMetrics metrics, BusSignal signal,
                         Clock clock) {
}
