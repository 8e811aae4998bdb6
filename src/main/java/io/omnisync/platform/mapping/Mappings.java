package io.omnisync.platform.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ProducerTemplate;

/**
 * Runs the JSONata mappings in {@code omnisync.mappings-location}, JSON text in, JSON text out, with the JSONata
 * engine camel-jsonata runs (dashjoin jsonata-java) and the same conversions (the input read as plain Java values,
 * the result written with a plain Jackson mapper). Mappings are named by their path under that folder, e.g.
 * {@code stock/stock-magento-to-canonical.jsonata}.
 *
 * <p>With the cache on, a mapping is read and compiled once and the compiled expression is evaluated with a fresh
 * frame per call (jsonata-java keeps per-evaluation state per thread, so one expression serves concurrent calls).
 * The camel-jsonata endpoint reads and parses its file on every exchange, which cost more than everything else a
 * stock webhook does; its results are the same. With the cache off (the dev profile) each call reads the file again.
 */
public class Mappings {

    private final ProducerTemplate producer;
    private final Path folder;
    private final boolean cache;
    private final Map<String, Jsonata> compiled = new ConcurrentHashMap<>();
    private final ObjectMapper mapper = new ObjectMapper();

    public Mappings(ProducerTemplate producer, Path folder, boolean cache) {
        this.producer = producer;
        this.folder = folder.toAbsolutePath().normalize();
        this.cache = cache;
    }

    /** True once Camel has started and mappings can run (webhooks may arrive while omnisync is still starting). */
    public boolean ready() {
        return producer.getCamelContext().isStarted();
    }

    /** Transforms JSON text with the named mapping; a mapping that fails on this input throws a RuntimeException. */
    public String transform(String mapping, String json) {
        Jsonata expression = expression(mapping);
        try {
            Object input = mapper.readValue(json, Object.class);
            return mapper.writeValueAsString(expression.evaluate(input, expression.createFrame()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("mapping " + mapping + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The compiled expression of a mapping; refuses names that leave the mappings folder. */
    Jsonata expression(String mapping) {
        return cache ? compiled.computeIfAbsent(mapping, this::compile) : compile(mapping);
    }

    private Jsonata compile(String mapping) {
        Path file = folder.resolve(mapping).normalize();
        if (!file.startsWith(folder) || !mapping.endsWith(".jsonata")) {
            throw new IllegalArgumentException("mapping '" + mapping + "' is not a .jsonata file under " + folder);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("mapping file " + file + " does not exist");
        }
        try {
            return Jsonata.jsonata(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("mapping file " + file + " could not be read", e);
        }
    }

    public Path folder() {
        return folder;
    }
}
