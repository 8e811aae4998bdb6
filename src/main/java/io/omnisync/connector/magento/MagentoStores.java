package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.IntegrationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Magento's store views as mappings need them: {@code {"<store_code>": {"id", "websiteId", "currency", "locale"}}},
 * read from GET /V1/store/storeConfigs and refreshed every five minutes. When Magento cannot be reached the last
 * known stores are used; with none known yet the failure propagates (webhooks are then answered 503 and retried).
 */
public class MagentoStores {

    private static final Logger LOG = LoggerFactory.getLogger(MagentoStores.class);
    private static final Duration REFRESH = Duration.ofMinutes(5);

    private final MagentoClient client;
    private final Clock clock;
    private volatile ObjectNode stores;
    private volatile Instant readAt = Instant.EPOCH;

    public MagentoStores(MagentoClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The store views by code; a copy the caller may keep. */
    public ObjectNode byCode() {
        if (stores == null || Duration.between(readAt, clock.instant()).compareTo(REFRESH) > 0) {
            refresh();
        }
        return stores.deepCopy();
    }

    private synchronized void refresh() {
        if (stores != null && Duration.between(readAt, clock.instant()).compareTo(REFRESH) <= 0) {
            return;
        }
        try {
            JsonNode configs = client.get("all", "/V1/store/storeConfigs", Duration.ofSeconds(10));
            ObjectNode byCode = JsonNodeFactory.instance.objectNode();
            for (JsonNode config : configs) {
                byCode.putObject(config.path("code").asText())
                        .put("id", config.path("id").asInt())
                        .put("websiteId", config.path("website_id").asInt())
                        .put("currency", config.path("base_currency_code").asText())
                        .put("locale", config.path("locale").asText());
            }
            stores = byCode;
            readAt = clock.instant();
        } catch (IntegrationException e) {
            if (stores == null) {
                throw e;
            }
            LOG.warn("could not refresh Magento store views, keeping the last known: {}", e.getMessage());
        }
    }
}
