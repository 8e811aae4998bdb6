package io.omnisync.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service with the sandbox profile (config/application-sandbox.yaml): the Magento fake on a free
 * loopback port, the webhook subscriptions, the jdbc bus on an H2 file of its own; demo traffic off so tests
 * decide what happens, and short bus backoffs. Every test class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:file:./target/test-data/sandbox-${random.uuid};WRITE_DELAY=0;QUERY_CACHE_SIZE=128;DB_CLOSE_ON_EXIT=FALSE",
    "omnisync.sandbox.demo.enabled=false",
    "omnisync.sandbox.magento.webhook-secret=" + SandboxTest.SECRET,
    "omnisync.connector.magento.webhook-secrets=" + SandboxTest.SECRET + "," + SandboxTest.ROTATED_SECRET,
    "omnisync.connector.magento.adobe-commerce-public-keys=${omnisync.sandbox.magento.adobe-commerce-public-key},"
        + SandboxTest.ROTATED_PUBLIC_KEY_FILE,
    "omnisync.bus.initial-backoff=50ms",
    "omnisync.bus.max-backoff=200ms",
    "omnisync.bus.max-attempts=3",
    // no scheduled reconciliation pushing to the channel fakes behind a test's back (ReconciliationTest requests its runs)
    "omnisync.reconciliation.interval=0",
    "omnisync.admin.users[0].username=admin",
    "omnisync.admin.users[0].password=" + SandboxTest.ADMIN_PASSWORD,
    "omnisync.admin.users[0].role=admin",
    "omnisync.admin.users[1].username=operator",
    "omnisync.admin.users[1].password=" + SandboxTest.ADMIN_PASSWORD,
    "omnisync.admin.users[1].role=operator",
    "omnisync.admin.users[2].username=viewer",
    "omnisync.admin.users[2].password=" + SandboxTest.ADMIN_PASSWORD,
    "omnisync.admin.users[2].role=viewer"
})
@ActiveProfiles("sandbox")
@AutoConfigureObservability
public @interface SandboxTest {

    /** The async-events verification token the Magento fake signs with. */
    String SECRET = "test-secret-0123456789abcdef";

    /** Password of the test's admin, operator and viewer users. */
    String ADMIN_PASSWORD = "test-admin-password-0123";

    /** A second active token, as during a rotation. */
    String ROTATED_SECRET = "rotated-secret-0123456789abcdef";

    /** A second Adobe Commerce public key next to the sandbox's generated one, as during a rotation (test-only pair). */
    String ROTATED_PUBLIC_KEY_FILE = "src/test/resources/adobe-commerce/rotated-public.pem";

    /** The private key of that pair. */
    String ROTATED_PRIVATE_KEY_FILE = "src/test/resources/adobe-commerce/rotated-private.pem";
}
