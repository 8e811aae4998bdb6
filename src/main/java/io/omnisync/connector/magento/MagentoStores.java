package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.IntegrationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Magento's store views as mappings and flows need them:
 * {@code {"<store_code>": {"id", "name", "websiteId", "websiteCode", "groupId", "currency", "displayCurrency",
 * "locale", "timezone"}}}, discovered from GET /V1/store/websites, /V1/store/storeViews and /V1/store/storeConfigs
 * and refreshed every five minutes. When Magento cannot be reached the last
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

    private ObjectNode discover() {
        Duration timeout = Duration.ofSeconds(10);
        Map<Integer, String> websiteCodes = new HashMap<>();
        client.get("all", "/V1/store/websites", timeout)
                .forEach(w -> websiteCodes.put(w.path("id").asInt(), w.path("code").asText()));
        Map<String, JsonNode> views = new HashMap<>();
        client.get("all", "/V1/store/storeViews", timeout).forEach(v -> views.put(v.path("code").asText(), v));
        ObjectNode byCode = JsonNodeFactory.instance.objectNode();
        for (JsonNode config : client.get("all", "/V1/store/storeConfigs", timeout)) {
            String code = config.path("code").asText();
            JsonNode view = views.getOrDefault(code, JsonNodeFactory.instance.objectNode());
            int websiteId = config.path("website_id").asInt();
            byCode.putObject(code)
                    .put("id", config.path("id").asInt())
                    .put("name", view.path("name").asText(code))
                    .put("websiteId", websiteId)
                    .put("websiteCode", websiteCodes.getOrDefault(websiteId, ""))
                    .put("groupId", view.path("store_group_id").asInt())
                    .put("currency", config.path("base_currency_code").asText())
                    .put("displayCurrency", config.path("default_display_currency_code").asText())
                    .put("locale", config.path("locale").asText())
                    .put("timezone", config.path("timezone").asText());
        }
        return byCode;
    }

    private synchronized void refresh() {
        if (stores != null && Duration.between(readAt, clock.instant()).compareTo(REFRESH) <= 0) {
            return;
        }
        try {
            stores = discover();
            readAt = clock.instant();
        } catch (IntegrationException e) {
            if (stores == null) {
                throw e;
            }
            LOG.warn("could not refresh Magento store views, keeping the last known: {}", e.getMessage());
        }
    }
}
