package io.omnisync.sandbox.amazon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When omnisync.sandbox.enabled=true, picks a free loopback port for the Amazon fake and generates its LWA
 * credentials at start-up, so no Amazon secret is written in any file.
 */
public class AmazonSandboxEnvironment implements EnvironmentPostProcessor {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("omnisync.sandbox.enabled", Boolean.class, false)) {
            return;
        }
        Map<String, Object> generated = new HashMap<>();
        putIfAbsent(environment, generated, "omnisync.sandbox.amazon.port", () -> String.valueOf(freePort()));
        putIfAbsent(environment, generated, "omnisync.sandbox.amazon.client-id", () -> "amzn1.application-oa2-client." + random(16));
        putIfAbsent(environment, generated, "omnisync.sandbox.amazon.client-secret", () -> random(32));
        putIfAbsent(environment, generated, "omnisync.sandbox.amazon.refresh-token", () -> "Atzr|" + random(48));
        environment.getPropertySources().addLast(new MapPropertySource("omnisync-sandbox-amazon-generated", generated));
    }

    private static void putIfAbsent(ConfigurableEnvironment environment, Map<String, Object> generated, String key,
                                    Supplier<String> value) {
        if (!environment.containsProperty(key)) {
            generated.put(key, value.get());
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the Amazon fake", e);
        }
    }
}
