package io.omnisync.connector.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Square's errors[] as readable messages, classified; 429 and 5xx waited out within the budget, never slept for real. */
class PosClientErrorsTest {

    private final PosFixture pos = new PosFixture();
    private final PosOrders orders = new PosOrders(pos.client);

    @AfterEach
    void close() {
        pos.close();
    }

    @Test
    void shouldNameTheAccessTokenWhenThePosRefusesIt() {
        IntegrationException failure = catchThrowableOfType(IntegrationException.class,
                () -> new PosOrders(pos.clientWithToken("EAAA-wrong-token-not-to-be-shown")).locations());

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
        assertThat(failure.getMessage()).contains("GET /v2/locations answered 401")
                .contains("AUTHENTICATION_ERROR/UNAUTHORIZED").contains("omnisync.connector.pos.access-token")
                .doesNotContain("EAAA-wrong-token-not-to-be-shown");
    }

    @Test
    void shouldHonourRetryAfterOnA429AndThenSucceed() {
        pos.fake.throttleNext(2, 3);

        assertThat(orders.locations()).extracting(l -> l.path("id").asText()).containsExactly("L-BERLIN");

        assertThat(pos.waits).hasSize(2).allSatisfy(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3300)));
        assertThat(pos.fake.requests("GET", PosOrders.LOCATIONS_PATH)).isEqualTo(3);
    }

    @Test
    void shouldFailAsRateLimitWhenRetryAfterIsLongerThanTheLongestWait() {
        pos.fake.throttleNext(1, 3600);

        IntegrationException failure = catchThrowableOfType(IntegrationException.class, orders::locations);

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.RATE_LIMIT);
        assertThat(failure.getMessage()).contains("429").contains("RATE_LIMITED");
        assertThat(pos.waits).isEmpty();
    }

    @Test
    void shouldRetryA500WithBackoffAndGiveUpAsIntermittentAfterTheBudget() {
        pos.fake.failNext(1);
        assertThat(orders.locations()).hasSize(1);
        assertThat(pos.waits).hasSize(1);

        pos.fake.failNext(10);
        IntegrationException failure = catchThrowableOfType(IntegrationException.class, orders::locations);

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.INTERMITTENT);
        assertThat(failure.getMessage()).contains("500").contains("API_ERROR/INTERNAL_SERVER_ERROR");
        assertThat(pos.waits).hasSize(1 + 3);
    }

    @Test
    void shouldClassifyAnUnknownRouteAsMissingAndAnInvalidBodyAsValueNamingTheField() {
        IntegrationException missing = catchThrowableOfType(IntegrationException.class, () -> pos.client.get("/v2/nothing-here"));
        assertThat(missing.errorClass()).isEqualTo(ErrorClass.MISSING);

        IntegrationException invalid = catchThrowableOfType(IntegrationException.class,
                () -> new PosInventory(pos.client).setCounts(List.of(new PosInventory.Count("NO-SUCH-VARIATION", "L-BERLIN",
                        java.math.BigDecimal.ONE, java.time.Instant.parse("2026-11-22T10:00:00Z")))));
        assertThat(invalid.errorClass()).isEqualTo(ErrorClass.VALUE);
        assertThat(invalid.getMessage()).contains("400").contains("INVALID_REQUEST_ERROR/INVALID_VALUE")
                .contains("[field=changes[0].physical_count.catalog_object_id]");
        assertThat(pos.waits).isEmpty();
    }
}
