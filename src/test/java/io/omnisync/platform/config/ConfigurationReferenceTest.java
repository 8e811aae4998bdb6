package io.omnisync.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference is the properties classes': every omnisync property the configuration
 * processor found (with its Javadoc and default) has a row in the README, and the README lists no property
 * that does not exist.
 */
class ConfigurationReferenceTest {

    @Test
    void shouldListEveryPropertyWithItsDefaultAndDescriptionInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        JsonNode properties = metadata().path("properties");
        assertThat(properties.size()).isGreaterThan(20);
        for (JsonNode property : properties) {
            String name = property.path("name").asText();
            if (!name.startsWith("omnisync.")) {
                continue;
            }
            String row = readme.lines().filter(l -> l.startsWith("| `" + name + "` |")).findFirst().orElse(null);
            assertThat(row).as("README row for " + name).isNotNull();
            assertThat(property.path("description").asText()).as("Javadoc of " + name).isNotBlank();
            assertThat(row).as("description of " + name).contains(property.path("description").asText());
            if (property.has("defaultValue") && !property.path("defaultValue").isArray()
                    && !property.path("defaultValue").asText().isEmpty()) {
                assertThat(row).as("default of " + name).contains("`" + property.path("defaultValue").asText() + "`");
            }
        }
    }

    @Test
    void shouldListNoPropertyThatDoesNotExist() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        JsonNode properties = metadata().path("properties");
        readme.lines().filter(l -> l.startsWith("| `omnisync.")).forEach(row -> {
            String name = row.substring(3, row.indexOf('`', 3));
            boolean exists = false;
            for (JsonNode property : properties) {
                exists |= property.path("name").asText().equals(name);
            }
            assertThat(exists).as(name + " is documented but no properties class declares it").isTrue();
        });
    }

    private static JsonNode metadata() throws IOException {
        try (InputStream in = ConfigurationReferenceTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("configuration metadata from spring-boot-configuration-processor").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
