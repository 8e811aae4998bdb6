package io.omnisync.platform.mapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ProducerTemplate;

/**
 * Runs the JSONata mappings in {@code omnisync.mappings-location} through camel-jsonata, JSON text in,
 * JSON text out. Mappings are named by their path under that folder, e.g. {@code stock/stock-magento-to-canonical.jsonata}.
 */
public class Mappings {

    private final ProducerTemplate producer;
    private final Path folder;
    private final boolean cache;
    private final Map<String, String> checkedUris = new ConcurrentHashMap<>();

    public Mappings(ProducerTemplate producer, Path folder, boolean cache) {
        this.producer = producer;
        this.folder = folder.toAbsolutePath().normalize();
        this.cache = cache;
    }

    /** True once Camel has started and mappings can run (webhooks may arrive while omnisync is still starting). */
    public boolean ready() {
        return producer.getCamelContext().isStarted();
    }

    /** Transforms JSON text with the named mapping. */
    public String transform(String mapping, String json) {
        return producer.requestBody(uri(mapping), json, String.class);
    }

    /**
     * The camel-jsonata endpoint of a mapping; refuses names that leave the mappings folder. With the cache on,
     * each mapping is checked once, not on every webhook.
     */
    public String uri(String mapping) {
        return cache ? checkedUris.computeIfAbsent(mapping, this::checkedUri) : checkedUri(mapping);
    }

    private String checkedUri(String mapping) {
        Path file = folder.resolve(mapping).normalize();
        if (!file.startsWith(folder) || !mapping.endsWith(".jsonata")) {
            throw new IllegalArgumentException("mapping '" + mapping + "' is not a .jsonata file under " + folder);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("mapping file " + file + " does not exist");
        }
        return "jsonata:file:" + file + "?inputType=JsonString&outputType=JsonString&contentCache=" + cache;
    }

    public Path folder() {
        return folder;
    }
}
