package io.omnisync.sandbox;

import io.omnisync.sandbox.magento.AdobeCommerceHooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When omnisync.sandbox.enabled=true, picks free loopback ports for the fakes and generates their secrets at
 * start-up (and the RSA key pair the Magento fake signs Adobe Commerce webhooks with), so the sandbox needs no
 * secret in any file and two sandboxes (or tests) never collide.
 */
public class SandboxEnvironment implements EnvironmentPostProcessor {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PRIVATE_KEY = "omnisync.sandbox.magento.adobe-commerce-private-key";
    private static final String PUBLIC_KEY = "omnisync.sandbox.magento.adobe-commerce-public-key";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("omnisync.sandbox.enabled", Boolean.class, false)) {
            return;
        }
        Map<String, Object> generated = new HashMap<>();
        putIfAbsent(environment, generated, "omnisync.sandbox.magento.port", () -> String.valueOf(freePort()));
        putIfAbsent(environment, generated, "omnisync.sandbox.magento.webhook-secret", SandboxEnvironment::secret);
        putIfAbsent(environment, generated, "omnisync.sandbox.erp.webhook-secret", SandboxEnvironment::secret);
        putIfAbsent(environment, generated, "omnisync.sandbox.magento.consumer-key", SandboxEnvironment::secret);
        putIfAbsent(environment, generated, "omnisync.sandbox.magento.consumer-secret", SandboxEnvironment::secret);
        putIfAbsent(environment, generated, "omnisync.sandbox.magento.access-token", SandboxEnvironment::secret);
        putIfAbsent(environment, generated, "omnisync.sandbox.magento.access-token-secret", SandboxEnvironment::secret);
        if (!environment.containsProperty("omnisync.admin.users[0].username")) {
            String password = secret();
            generated.put("omnisync.admin.users[0].username", "admin");
            generated.put("omnisync.admin.users[0].password", password);
            generated.put("omnisync.admin.users[0].role", "admin");
            writeAdminPassword(Path.of(environment.getProperty("omnisync.sandbox.admin-password-file",
                    "data/sandbox-admin-password")), password);
        }
        if (!environment.containsProperty(PRIVATE_KEY) && !environment.containsProperty(PUBLIC_KEY)) {
            KeyPair pair = AdobeCommerceHooks.generateKeyPair();
            generated.put(PRIVATE_KEY, AdobeCommerceHooks.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            generated.put(PUBLIC_KEY, AdobeCommerceHooks.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        environment.getPropertySources().addLast(new MapPropertySource("omnisync-sandbox-generated", generated));
    }

    private static void putIfAbsent(ConfigurableEnvironment environment, Map<String, Object> generated, String key,
                                    java.util.function.Supplier<String> value) {
        if (!environment.containsProperty(key)) {
            generated.put(key, value.get());
        }
    }

    /** The sandbox's generated admin password goes to a file only its owner reads, never to the log. */
    private static void writeAdminPassword(Path file, String password) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, password + System.lineSeparator());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file stays with its default permissions
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox admin password to " + file, e);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for a sandbox fake", e);
        }
    }
}
