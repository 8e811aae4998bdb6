package io.omnisync.sandbox.ebay;

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
 * When omnisync.sandbox.enabled=true, picks a free loopback port for the eBay fake and generates its client id,
 * client secret and refresh token, so no eBay secret is written in any file and parallel sandboxes never collide.
 */
public class EbaySandboxEnvironment implements EnvironmentPostProcessor {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("omnisync.sandbox.enabled", Boolean.class, false)) {
            return;
        }
        Map<String, Object> generated = new HashMap<>();
        putIfAbsent(environment, generated, "omnisync.sandbox.ebay.port", () -> String.valueOf(freePort()));
        putIfAbsent(environment, generated, "omnisync.sandbox.ebay.client-id", () -> "omnisync-sandbox-" + secret(4));
        putIfAbsent(environment, generated, "omnisync.sandbox.ebay.client-secret", () -> secret(24));
        putIfAbsent(environment, generated, "omnisync.sandbox.ebay.refresh-token", () -> "v^1.1#r^1#" + secret(24));
        environment.getPropertySources().addLast(new MapPropertySource("omnisync-sandbox-ebay-generated", generated));
    }

    private static void putIfAbsent(ConfigurableEnvironment environment, Map<String, Object> generated, String key,
                                    Supplier<String> value) {
        if (!environment.containsProperty(key)) {
            generated.put(key, value.get());
        }
    }

    private static String secret(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the eBay fake", e);
        }
    }
}
