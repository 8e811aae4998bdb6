package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Adobe Commerce mappings give the same canonical events as the async-events mappings for the same Magento
 * state (their golden inputs describe the same product or order), so MagentoEventKeys dedupes the two transports.
 * MappingGoldenTest checks each mapping against its expected output; this checks that the two expectations agree.
 */
class AdobeMappingParityTest {

    private static final Path GOLDEN = Path.of("src/test/resources/mappings");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @CsvSource({
        "catalog, product-magento-to-canonical.with-special-price, product-adobe-to-canonical.with-special-price",
        "catalog, product-magento-to-canonical.without-special-price, product-adobe-to-canonical.without-special-price",
        "orders, order-magento-to-canonical.created, order-adobe-to-canonical.placed",
        "orders, order-magento-to-canonical.updated, order-adobe-to-canonical.updated",
        "orders, order-magento-to-canonical.cancelled, order-adobe-to-canonical.cancelled"
    })
    void shouldExpectTheSameEventsFromBothTransportsForTheSameState(String domain, String asyncEvents, String adobe)
            throws IOException {
        assertThat(JSON.readTree(GOLDEN.resolve(domain).resolve(adobe + ".expected.json").toFile()))
                .isEqualTo(JSON.readTree(GOLDEN.resolve(domain).resolve(asyncEvents + ".expected.json").toFile()));
    }
}
