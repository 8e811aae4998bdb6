package io.omnisync.platform.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** In the dev profile a flow written into a routes/ sub-folder while omnisync runs is loaded without a restart. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:file:./target/test-data/reload-${random.uuid};WRITE_DELAY=0;QUERY_CACHE_SIZE=128;DB_CLOSE_ON_EXIT=FALSE",
    "omnisync.sandbox.demo.enabled=false"
})
@ActiveProfiles({"sandbox", "dev"})
class RouteReloadTest {

    private static final Path ROUTES = copyOfRoutes();

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void routesLocation(DynamicPropertyRegistry registry) {
        registry.add("omnisync.routes-location", ROUTES::toString);
    }

    @Test
    void shouldLoadAFlowWrittenWhileRunning() throws IOException {
        assertThat(camel.getRoute("stock-magento-ledger")).isNotNull();
        assertThat(camel.getRoute("stock-reload-probe")).isNull();

        Files.writeString(ROUTES.resolve("stock/stock-reload-probe.camel.yaml"), """
                - route:
                    id: stock-reload-probe
                    routeConfigurationId: omnisync-errors
                    from:
                      uri: timer:reload-probe?repeatCount=1
                      steps:
                        - log: reloaded
                """);

        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("stock-reload-probe") != null);
        assertThat(camel.getRoute("stock-magento-ledger")).as("other flows keep running").isNotNull();
    }

    private static Path copyOfRoutes() {
        Path target = Path.of("target", "test-routes-" + UUID.randomUUID());
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(Path.of("routes").relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target.toAbsolutePath();
    }
}
