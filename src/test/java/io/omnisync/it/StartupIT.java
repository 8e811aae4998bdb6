package io.omnisync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnisync.support.ChildService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command and a refused start, on the real jar. */
class StartupIT {

    @TempDir
    Path data;

    @Test
    void shouldBringTheSandboxToHealthUpWithEventsFlowingWithin60Seconds() {
        try (ChildService sandbox = new ChildService("sandbox", ChildService.freePort(), List.of(
                "--spring.profiles.active=sandbox",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("sandbox") + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=128;DB_CLOSE_ON_EXIT=FALSE")).start()) {
            long started = System.nanoTime();

            sandbox.awaitReady(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60).minusNanos(System.nanoTime() - started))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> sandbox.metric("omnisync_events_processed_total") > 0
                            && sandbox.metric("omnisync_events_received_total") > 0);

            String health = sandbox.get("/actuator/health").body();
            assertThat(health).startsWith("{\"status\":\"UP\"").contains("\"magento\":{\"status\":\"UP\"");
            String scrape = sandbox.get("/actuator/prometheus").body();
            assertThat(scrape).contains("omnisync_journal_depth", "omnisync_journal_oldest_age_seconds",
                    "omnisync_deadletters_open", "omnisync_event_processing_seconds_count");
            assertThat(sandbox.get("/actuator/env")).as("closed to anonymous callers")
                    .satisfies(r -> assertThat(r.statusCode()).isEqualTo(401));
        }
    }

    @Test
    void shouldExitNonZeroNamingThePropertyWhenTheMagentoBaseUrlIsNotAUrl() {
        try (ChildService refused = new ChildService("refused", ChildService.freePort(), List.of(
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("refused"),
                "--omnisync.connector.magento.enabled=true",
                "--omnisync.connector.magento.base-url=not-a-url",
                "--omnisync.connector.magento.webhook-secrets=0123456789abcdef-secret")).start()) {

            int exit = refused.waitFor();

            assertThat(exit).isNotZero();
            assertThat(refused.output()).contains("APPLICATION FAILED TO START")
                    .contains("omnisync.connector.magento.base-url = 'not-a-url'")
                    .contains("must be an absolute http(s) URL")
                    .doesNotContain("0123456789abcdef-secret")
                    .doesNotContain("\tat org.springframework");
        }
    }
}
