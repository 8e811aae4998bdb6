package io.omnisync.platform.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.omnisync.platform.Concurrently;
import io.omnisync.platform.event.CanonicalEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden pairs for every JSONata mapping: {@code src/test/resources/mappings/<domain>/<mapping>.<case>.input.json}
 * run through {@code mappings/<domain>/<mapping>.jsonata} must give {@code <case>.expected.json}.
 * Every mapping needs at least as many pairs as the branches its header comment lists.
 */
class MappingGoldenTest {

    private static final Path MAPPINGS = Path.of("mappings");
    private static final Path GOLDEN = Path.of("src/test/resources/mappings");
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final Pattern BRANCHES = Pattern.compile("Branches:([^*]*?)\\.?\\s*(\\*/|$)", Pattern.DOTALL);

    private static CamelContext camel;
    private static Mappings mappings;
    private static Mappings cached;

    @BeforeAll
    static void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
        ProducerTemplate producer = camel.createProducerTemplate();
        mappings = new Mappings(producer, MAPPINGS, false);
        cached = new Mappings(producer, MAPPINGS, true);
    }

    @AfterAll
    static void stopCamel() {
        camel.stop();
    }

    record GoldenCase(String domain, String mapping, String name, Path input, Path expected) {
        @Override
        public String toString() {
            return domain + "/" + mapping + " [" + name + "]";
        }
    }

    static Stream<GoldenCase> cases() throws IOException {
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".input.json")).sorted().map(input -> {
                String file = input.getFileName().toString();
                String stem = file.substring(0, file.length() - ".input.json".length());
                int dot = stem.indexOf('.');
                return new GoldenCase(input.getParent().getFileName().toString(), stem.substring(0, dot),
                        stem.substring(dot + 1), input, input.resolveSibling(stem + ".expected.json"));
            }).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldProduceTheExpectedOutputForEveryGoldenInput(GoldenCase golden) throws IOException {
        assertThat(golden.expected()).as("expected output next to " + golden.input()).exists();
        String output = mappings.transform(golden.domain() + "/" + golden.mapping() + ".jsonata",
                Files.readString(golden.input()));

        JsonNode actual = JSON.readTree(output);
        JsonNode expected = JSON.readTree(golden.expected().toFile());
        assertThat(actual.equals(NUMERIC_EQUALITY, expected))
                .as("mapping output%n%s%nexpected%n%s", actual.toPrettyString(), expected.toPrettyString()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldGiveTheCamelJsonataEndpointsTextWithTheCompiledMapping(GoldenCase golden) throws IOException {
        String mapping = golden.domain() + "/" + golden.mapping() + ".jsonata";
        String input = Files.readString(golden.input());
        String endpoint = "jsonata:file:" + MAPPINGS.resolve(mapping).toAbsolutePath()
                + "?inputType=JsonString&outputType=JsonString";
        String viaCamel = camel.createProducerTemplate().requestBody(endpoint, input, String.class);

        assertThat(cached.transform(mapping, input)).as("compiled once").isEqualTo(viaCamel);
        assertThat(cached.transform(mapping, input)).as("the compiled expression evaluated again").isEqualTo(viaCamel);
    }

    @Test
    void shouldEvaluateOneCompiledMappingOnManyThreadsAtOnce() throws Exception {
        String mapping = "stock/stock-magento-to-canonical.jsonata";
        List<String> outputs = Concurrently.run(4, t -> () -> {
            StringBuilder wrong = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                String sku = "T" + t + "-" + i;
                String output = cached.transform(mapping, "{\"event\":\"inventory.source_items.updated\",\"body\":{\"data\":"
                        + "{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":" + i + ",\"status\":1,"
                        + "\"updated_at\":\"2026-12-03T10:00:00Z\",\"version\":" + (i + 1) + "}}}");
                JsonNode event = JSON.readTree(output);
                if (!event.path("sku").asText().equals(sku) || event.path("quantity").asInt() != i
                        || event.path("inStock").asBoolean() != (i > 0)) {
                    wrong.append(output).append('\n');
                }
            }
            return wrong.toString();
        });
        assertThat(outputs).as("outputs that are not their own input's").containsOnly("");
    }

    @Test
    void shouldCompileOnceWithTheCacheOnAndReadTheFileAgainWithItOff(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("echo.jsonata"), "{\"v\": 1}");
        Mappings once = new Mappings(camel.createProducerTemplate(), folder, true);
        Mappings everyTime = new Mappings(camel.createProducerTemplate(), folder, false);
        assertThat(once.transform("echo.jsonata", "{}")).isEqualTo("{\"v\":1}");
        assertThat(everyTime.transform("echo.jsonata", "{}")).isEqualTo("{\"v\":1}");

        Files.writeString(folder.resolve("echo.jsonata"), "{\"v\": 2}");
        assertThat(once.transform("echo.jsonata", "{}")).isEqualTo("{\"v\":1}");
        assertThat(everyTime.transform("echo.jsonata", "{}")).isEqualTo("{\"v\":2}");
        assertThatThrownBy(() -> once.transform("../echo.jsonata", "{}")).hasMessageContaining("is not a .jsonata file under");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldExpectOnlyValidCanonicalEventsFromMappingsToCanonical(GoldenCase golden) throws IOException {
        Assumptions.assumeTrue(golden.mapping().endsWith("-to-canonical"), "maps to a channel's shape, not to the bus");
        JsonNode expected = JSON.readTree(golden.expected().toFile());
        for (JsonNode event : expected.isArray() ? expected : JSON.createArrayNode().add(expected)) {
            assertThat(JSON.treeToValue(event, CanonicalEvent.class)).isNotNull();
        }
    }

    static Stream<Path> mappingFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MAPPINGS)) {
            return files.filter(f -> f.toString().endsWith(".jsonata")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappingFiles")
    void shouldHaveOneGoldenPairPerBranchOfEveryMapping(Path mapping) throws IOException {
        String domain = mapping.getParent().getFileName().toString();
        String name = mapping.getFileName().toString().replace(".jsonata", "");
        long pairs = cases().filter(c -> c.domain().equals(domain) && c.mapping().equals(name)).count();
        Matcher branches = BRANCHES.matcher(Files.readString(mapping));
        assertThat(branches.find()).as(mapping + " lists its branches in its header comment (Branches: a; b)").isTrue();
        long listed = branches.group(1).split(";").length;
        assertThat(pairs).as("golden pairs for " + mapping + " (it lists " + listed + " branches)").isGreaterThanOrEqualTo(listed);
    }

    @Test
    void shouldFindGoldenPairsAtAll() throws IOException {
        assertThat(cases().count()).isGreaterThanOrEqualTo(mappingFiles().count());
    }

    private static final Comparator<JsonNode> NUMERIC_EQUALITY = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
        }
        return a.equals(b) ? 0 : 1;
    };
}
