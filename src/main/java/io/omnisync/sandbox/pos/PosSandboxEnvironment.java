package io.omnisync.sandbox.pos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When omnisync.sandbox.enabled=true, picks a free loopback port for the POS fake and generates its access token and
 * webhook signature key (and makes its public notification URL known), so no POS secret is written in any file and parallel sandboxes never collide.
 */
public class PosSandboxEnvironment implements EnvironmentPostProcessor {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("omnisync.sandbox.enabled", Boolean.class, false)) {
            return;
        }
        Map<String, Object> generated = new HashMap<>();
        putIfAbsent(environment, generated, "omnisync.sandbox.pos.port", () -> String.valueOf(freePort()));
        putIfAbsent(environment, generated, "omnisync.sandbox.pos.access-token", () -> "EAAA" + HexFormat.of().formatHex(random(24)));
        // Square's signature keys are 22 characters of URL-safe Base64
        putIfAbsent(environment, generated, "omnisync.sandbox.pos.webhook-secret",
                () -> Base64.getUrlEncoder().withoutPadding().encodeToString(random(16)));
        // the connector's notification-urls refer to it, so it must exist in the environment, not only as a field default
        putIfAbsent(environment, generated, "omnisync.sandbox.pos.notification-url", () -> PosSandboxProperties.DEFAULT_NOTIFICATION_URL);
        environment.getPropertySources().addLast(new MapPropertySource("omnisync-sandbox-pos-generated", generated));
    }

    private static void putIfAbsent(ConfigurableEnvironment environment, Map<String, Object> generated, String key,
                                    Supplier<String> value) {
        if (!environment.containsProperty(key)) {
            generated.put(key, value.get());
        }
    }

    private static byte[] random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return random;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the POS fake", e);
        }
    }
}
