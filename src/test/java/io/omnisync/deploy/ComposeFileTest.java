package io.omnisync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml is a valid compose file running two omnisync instances on the kafka bus with Kafka, PostgreSQL,
 * Prometheus and Grafana: checked with {@code docker-compose config}, which validates without a Docker engine (Debian's
 * docker-compose package; CI installs it with apt-get install -y docker-compose). Skipped, saying so, where the binary
 * is absent. The provisioned dashboard and the Prometheus targets are checked either way.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("docker", "compose.yaml");

    /** Values for the secrets the compose file requires from the environment; the file holds none. */
    private static final Map<String, String> ENV = Map.of("OMNISYNC_DB_PASSWORD", "x", "MAGENTO_BASE_URL", "https://shop.example.com",
            "MAGENTO_CONSUMER_KEY", "x", "MAGENTO_CONSUMER_SECRET", "x", "MAGENTO_ACCESS_TOKEN", "x",
            "MAGENTO_ACCESS_TOKEN_SECRET", "x", "MAGENTO_WEBHOOK_SECRET", "x");

    @Test
    void shouldBeAcceptedByDockerComposeConfigWithTwoInstancesOnKafkaAndPostgres() throws Exception {
        String binary = dockerCompose();
        assumeTrue(binary != null, "docker-compose is not installed (apt-get install -y docker-compose): "
                + "docker/compose.yaml was not validated");

        assertThat(run(binary, "-f", COMPOSE.toString(), "config", "-q").exitCode()).as("docker-compose config -q").isZero();
        Result services = run(binary, "-f", COMPOSE.toString(), "config", "--services");
        assertThat(services.output().lines()).containsExactlyInAnyOrder("postgres", "kafka", "omnisync-1", "omnisync-2",
                "prometheus", "grafana");
        String resolved = run(binary, "-f", COMPOSE.toString(), "config").output();
        assertThat(resolved).contains("--spring.profiles.active=cluster", "OMNISYNC_KAFKA_BOOTSTRAP_SERVERS: kafka:9092",
                "KAFKA_PROCESS_ROLES: broker,controller");
    }

    @Test
    void shouldRefuseToRenderWithoutTheSecretsFromTheEnvironment() throws Exception {
        String binary = dockerCompose();
        assumeTrue(binary != null, "docker-compose is not installed (apt-get install -y docker-compose)");

        Result refused = run(Map.of(), binary, "-f", COMPOSE.toString(), "config", "-q");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("set OMNISYNC_DB_PASSWORD");
    }

    @Test
    void shouldProvisionTheDashboardAndScrapeBothInstances() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docker/grafana/dashboards/omnisync-pipeline.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        assertThat(String.join("\n", expressions)).contains("omnisync_events_processed_total", "omnisync_leader",
                "omnisync_bus_partitions", "omnisync_bus_published_total", "omnisync_journal_depth");
        assertThat(Files.readString(Path.of("docker/prometheus/prometheus.yml"))).contains("omnisync-1:8080", "omnisync-2:8080");
    }

    private static String dockerCompose() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "docker-compose");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        return run(ENV, command);
    }

    private static Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        ENV.keySet().forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
