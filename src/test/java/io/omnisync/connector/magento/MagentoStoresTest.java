package io.omnisync.connector.magento;

import io.omnisync.platform.outbound.TestOutbound;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.sandbox.magento.MagentoFake;
import io.omnisync.sandbox.magento.MagentoFakeOptions;
import io.omnisync.platform.TestClock;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Store discovery against the fake's two websites and three store views. */
class MagentoStoresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldDiscoverWebsitesStoreViewsCurrenciesAndLocales() {
        try (MagentoFake fake = MagentoFake.start(MagentoFakeOptions.defaults())) {
            MagentoStores stores = new MagentoStores(new MagentoClient(bearer(fake), JSON, TestOutbound.loopback()), Clock.systemUTC());

            ObjectNode byCode = stores.byCode();

            assertThat(byCode.path("default").path("websiteCode").asText()).isEqualTo("base");
            assertThat(byCode.path("default").path("currency").asText()).isEqualTo("USD");
            assertThat(byCode.path("eu_de").path("websiteCode").asText()).isEqualTo("eu");
            assertThat(byCode.path("eu_de").path("currency").asText()).isEqualTo("EUR");
            assertThat(byCode.path("eu_de").path("locale").asText()).isEqualTo("de_DE");
            assertThat(byCode.path("eu_fr").path("locale").asText()).isEqualTo("fr_FR");
            assertThat(byCode.path("eu_fr").path("id").asInt()).isEqualTo(3);
            assertThat(byCode.path("eu_fr").path("groupId").asInt()).isEqualTo(byCode.path("eu_de").path("groupId").asInt());
        }
    }

    @Test
    void shouldReadMagentoOncePerRefreshAndKeepTheLastKnownStoresWhenMagentoIsDown() {
        TestClock clock = new TestClock();
        MagentoFake fake = MagentoFake.start(MagentoFakeOptions.defaults());
        MagentoStores stores = new MagentoStores(new MagentoClient(bearer(fake), JSON, TestOutbound.loopback()), clock);

        stores.byCode();
        stores.byCode();
        assertThat(fake.requests("GET", "/V1/store/storeConfigs")).isEqualTo(1);

        fake.close();
        clock.advance(Duration.ofMinutes(6));
        assertThat(stores.byCode().path("eu_de").path("currency").asText()).isEqualTo("EUR");
    }

    private static MagentoProperties bearer(MagentoFake fake) {
        MagentoProperties properties = new MagentoProperties();
        properties.setEnabled(true);
        properties.setBaseUrl(fake.baseUrl());
        properties.setAuthMode(MagentoProperties.AuthMode.BEARER);
        properties.setAccessToken("unused-by-a-fake-without-auth");
        return properties;
    }
}
