package io.omnisync.platform.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnisync.support.SandboxTest;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

/**
 * Every folder under routes/ holds at least one flow, and every route and route configuration written in any
 * file of any folder is running in Camel. Fails when a folder is not loaded.
 */
@SandboxTest
class RoutesLoadedTest {

    private static final Path ROUTES = Path.of("routes");

    @Autowired
    CamelContext camel;

    @Test
    void shouldLoadARouteFileFromEveryDomainFolder() throws IOException {
        List<Path> folders;
        try (Stream<Path> children = Files.list(ROUTES)) {
            folders = children.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(folders).extracting(p -> p.getFileName().toString())
                .contains("_shared", "stock", "catalog", "orders");
        for (Path folder : folders) {
            List<Path> files = yamlFiles(folder);
            assertThat(files).as("flows in " + folder).isNotEmpty();
            for (Path file : files) {
                assertLoaded(file);
            }
        }
    }

    @Test
    void shouldReferEveryRouteToTheSharedErrorPolicy() throws IOException {
        for (Path file : yamlFiles(ROUTES)) {
            for (Map<String, Object> route : definitions(file, "route")) {
                assertThat(route.get("routeConfigurationId")).as("routeConfigurationId of " + route.get("id") + " in " + file)
                        .isEqualTo("omnisync-errors");
                assertThat(String.valueOf(route.get("id"))).as("route id named after its file " + file)
                        .isEqualTo(file.getFileName().toString().replace(".camel.yaml", ""));
            }
        }
    }

    private void assertLoaded(Path file) throws IOException {
        List<Map<String, Object>> routes = definitions(file, "route");
        List<Map<String, Object>> configurations = definitions(file, "routeConfiguration");
        assertThat(routes.size() + configurations.size()).as("definitions in " + file).isPositive();
        for (Map<String, Object> route : routes) {
            Route running = camel.getRoute(String.valueOf(route.get("id")));
            assertThat(running).as("route " + route.get("id") + " from " + file).isNotNull();
            assertThat(running.getSourceLocation()).as("source of route " + route.get("id")).contains(file.getFileName().toString());
        }
        for (Map<String, Object> configuration : configurations) {
            assertThat(((ModelCamelContext) camel).getRouteConfigurationDefinition(String.valueOf(configuration.get("id"))))
                    .as("route configuration " + configuration.get("id") + " from " + file).isNotNull();
        }
    }

    private static List<Path> yamlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> definitions(Path file, String kind) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = new Yaml().load(reader);
            for (Object entry : (List<Object>) document) {
                Object definition = ((Map<String, Object>) entry).get(kind);
                if (definition != null) {
                    found.add((Map<String, Object>) definition);
                }
            }
        }
        return found;
    }
}
