package io.omnisync.platform.xref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnisync.platform.OnBothDatabases;
import io.omnisync.platform.StateDatabase;
import io.omnisync.platform.StateDatabases.Engine;
import org.junit.jupiter.api.DisplayName;

@DisplayName("CrossReferences")
class CrossReferencesTest {

    @OnBothDatabases
    @DisplayName("linking the same source id to the same target again is a no-op")
    void linkIsIdempotentForTheSameTarget(Engine engine) {
        try (StateDatabase db = engine.open()) {
            CrossReferences xref = new CrossReferences(db.jdbc(), db.clock());

            assertThat(xref.link("order", "amazon", "123-456", "magento", "000000042")).isTrue();
            assertThat(xref.link("order", "amazon", "123-456", "magento", "000000042")).isFalse();

            assertThat(db.count("cross_reference")).isEqualTo(1);
        }
    }

    @OnBothDatabases
    @DisplayName("linking a source id to a different target id is refused and keeps the first link")
    void linkRefusesADifferentTarget(Engine engine) {
        try (StateDatabase db = engine.open()) {
            CrossReferences xref = new CrossReferences(db.jdbc(), db.clock());
            xref.link("order", "amazon", "123-456", "magento", "000000042");

            assertThatThrownBy(() -> xref.link("order", "amazon", "123-456", "magento", "000000043"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("123-456")
                    .hasMessageContaining("000000042")
                    .hasMessageContaining("000000043");

            assertThat(xref.find("order", "amazon", "123-456", "magento")).contains("000000042");
        }
    }

    @OnBothDatabases
    @DisplayName("find looks up the target id, findSource the source id, both empty when unknown")
    void findAndFindSource(Engine engine) {
        try (StateDatabase db = engine.open()) {
            CrossReferences xref = new CrossReferences(db.jdbc(), db.clock());
            xref.link("order", "amazon", "123-456", "magento", "000000042");
            xref.link("order", "amazon", "123-456", "erp", "SO-77");
            xref.link("order", "ebay", "99", "magento", "000000050");

            assertThat(xref.find("order", "amazon", "123-456", "magento")).contains("000000042");
            assertThat(xref.find("order", "amazon", "123-456", "erp")).contains("SO-77");
            assertThat(xref.findSource("order", "amazon", "magento", "000000042")).contains("123-456");
            assertThat(xref.findSource("order", "ebay", "magento", "000000050")).contains("99");

            assertThat(xref.find("order", "amazon", "999", "magento")).isEmpty();
            assertThat(xref.find("product", "amazon", "123-456", "magento")).as("entity type is part of the key").isEmpty();
            assertThat(xref.findSource("order", "amazon", "magento", "000000050")).as("that one came from ebay").isEmpty();
        }
    }
}
