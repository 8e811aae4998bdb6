package io.omnisync.connector.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.event.OrderNotified;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The refusals of the order resolution, which happen before anything is journalled (the journalling itself runs in
 * {@link PosSandboxTest} against the state database).
 */
class PosOrderResolutionTest {

    private final PosFixture pos = new PosFixture();
    private final PosOrderResolution resolution = new PosOrderResolution(new PosOrders(pos.client),
            new PosCatalog(pos.client), null, null);

    @AfterEach
    void close() {
        pos.close();
    }

    @Test
    void shouldReadAgainLaterWhenThePosAnswersAnOlderVersionThanNotified() {
        ObjectNode sale = pos.fake.orders().sell("L-BERLIN", Map.of("OS-0001", 1));
        long version = sale.path("version").asLong();

        IntegrationException failure = catchThrowableOfType(IntegrationException.class, () -> resolution.resolve(
                new OrderNotified("pos", sale.path("id").asText(), "L-BERLIN", version + 1, "COMPLETED", Instant.now())));

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.INTERMITTENT);
        assertThat(failure.getMessage()).contains("read at version " + version).contains("older than the notified " + (version + 1));
    }

    @Test
    void shouldRetryAnOrderThePosCannotReadYetAndRefuseAnotherChannel() {
        IntegrationException failure = catchThrowableOfType(IntegrationException.class, () -> resolution.resolve(
                new OrderNotified("pos", "ORD-UNKNOWN", "L-BERLIN", 1, "COMPLETED", Instant.now())));
        assertThat(failure.errorClass()).isEqualTo(ErrorClass.INTERMITTENT);
        assertThat(failure.getMessage()).contains("ORD-UNKNOWN").contains("L-BERLIN");

        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> resolution.resolve(
                new OrderNotified("amazon", "114-1", "ATVPDKIKX0DER", 1, null, Instant.now())))).isNotNull();
    }
}
