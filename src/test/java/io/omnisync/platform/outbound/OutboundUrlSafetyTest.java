package io.omnisync.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.OmnisyncApplication;
import io.omnisync.connector.magento.MagentoClient;
import io.omnisync.connector.magento.MagentoProperties;
import io.omnisync.connector.pos.PosClient;
import io.omnisync.connector.pos.PosProperties;
import io.omnisync.platform.config.ConfigurationFailureAnalyzer;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.outbound.ScriptedHttpServer.Reply;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Matrix row 23 (SSRF through configurable URLs): configured base URLs are judged at start-up and every request again
 * after resolving its host; private, loopback, link-local and odd IP spellings are refused unless
 * allow-private-networks is on; redirects are never followed. A canary listener on loopback counts the connections
 * that got through: there must be none.
 */
class OutboundUrlSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScriptedHttpServer canary = ScriptedHttpServer.canary();

    @AfterEach
    void close() {
        canary.close();
    }

    private static OutboundCalls outbound(boolean allowPrivate, List<String> allowedHosts, UrlPolicy.Resolver resolver) {
        OutboundProperties properties = new OutboundProperties();
        properties.setAllowPrivateNetworks(allowPrivate);
        properties.setAllowedHosts(allowedHosts);
        return new OutboundCalls(properties, resolver, Clock.systemUTC(), null);
    }

    private static MagentoProperties magento(String baseUrl) {
        MagentoProperties properties = new MagentoProperties();
        properties.setEnabled(true);
        properties.setBaseUrl(baseUrl);
        properties.setAuthMode(MagentoProperties.AuthMode.BEARER);
        properties.setAccessToken("ssrf-test-token-0123456789");
        return properties;
    }

    @Test
    void shouldRefuseEveryBlockedAddressAtStartUpNamingThePropertyAndReachNothing() {
        int port = canary.port();
        List<String> blocked = List.of("http://127.0.0.1:" + port + "/", "http://localhost:" + port + "/",
                "http://169.254.169.254/", "http://2130706433:" + port + "/", "http://0x7f.1:" + port + "/",
                "http://0177.0.0.1:" + port + "/", "http://[::1]:" + port + "/", "http://[::ffff:127.0.0.1]:" + port + "/",
                "http://0.0.0.0:" + port + "/", "http://10.1.2.3/", "http://172.16.0.9/", "http://192.168.1.1/",
                "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://224.0.0.1/", "file:///etc/passwd",
                "gopher://127.0.0.1:" + port + "/");
        OutboundCalls production = outbound(false, List.of(), UrlPolicy.Resolver.SYSTEM);

        for (String url : blocked) {
            OutboundUrlRefusedException refusal = catchThrowableOfType(OutboundUrlRefusedException.class,
                    () -> new MagentoClient(magento(url), JSON, production));
            assertThat(refusal).as(url).isNotNull();
            assertThat(refusal.property()).isEqualTo("omnisync.connector.magento.base-url");
        }
        OutboundUrlRefusedException metadata = catchThrowableOfType(OutboundUrlRefusedException.class,
                () -> new MagentoClient(magento("http://169.254.169.254/"), JSON, production));
        assertThat(metadata.reason()).contains("169.254.169.254, a link-local")
                .contains("omnisync.outbound.allow-private-networks=true");
        assertThat(catchThrowableOfType(OutboundUrlRefusedException.class,
                () -> new MagentoClient(magento("http://2130706433/"), JSON, production)).reason())
                .contains("decimal, hex or octal spelling");
        assertThat(catchThrowableOfType(OutboundUrlRefusedException.class,
                () -> new MagentoClient(magento("http://0x7f.1/"), JSON, production)).reason())
                .contains("decimal, hex or octal spelling");
        assertThat(canary.connections()).isZero();
    }

    @Test
    void shouldRefuseARequestWhoseHostResolvesToLoopbackAfterStartUp() {
        // DNS rebinding: the name resolved to a public address when omnisync started, and to loopback later
        AtomicReference<String> answer = new AtomicReference<>("93.184.216.34");
        UrlPolicy.Resolver rebinding = host -> new InetAddress[] {InetAddress.getByName(answer.get())};
        MagentoClient client = new MagentoClient(magento("http://localhost:" + canary.port()), JSON,
                outbound(false, List.of(), rebinding));

        answer.set("127.0.0.1");
        IntegrationException refused = catchThrowableOfType(IntegrationException.class, () -> client.get("/V1/store/storeViews"));

        assertThat(refused.errorClass()).isEqualTo(ErrorClass.VALUE);
        assertThat(refused.getMessage()).contains("Magento GET /V1/store/storeViews not sent")
                .contains("localhost, which resolves to 127.0.0.1, a loopback address")
                .doesNotContain("ssrf-test-token");
        assertThat(canary.connections()).isZero();
    }

    @Test
    void shouldNotFollowARedirectInwardAndSaySo() {
        try (ScriptedHttpServer moved = ScriptedHttpServer.start(request -> request.path().contains("/v2/")
                ? Reply.status(302, "", "Location", "http://169.254.169.254/latest/meta-data/iam")
                : Reply.status(307, "", "Location", canary.baseUrl() + "/rest/default/V1/store/storeViews"))) {
            // allowed to call loopback (the stand-in of an allowed host), so only the redirect rule protects the canary
            OutboundCalls outbound = outbound(true, List.of(), UrlPolicy.Resolver.SYSTEM);
            MagentoClient magento = new MagentoClient(magento(moved.baseUrl()), JSON, outbound);
            PosProperties posProperties = new PosProperties();
            posProperties.setBaseUrl(moved.baseUrl());
            posProperties.setAccessToken("pos-ssrf-token-0123456789");
            PosClient pos = new PosClient(posProperties, JSON, outbound);

            IntegrationException magentoFailure = catchThrowableOfType(IntegrationException.class,
                    () -> magento.get("/V1/store/storeViews"));
            IntegrationException posFailure = catchThrowableOfType(IntegrationException.class, () -> pos.get("/v2/locations"));

            assertThat(magentoFailure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(magentoFailure.getMessage()).contains("answered 307 with a redirect to http://127.0.0.1:" + canary.port())
                    .contains("which omnisync does not follow");
            assertThat(posFailure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(posFailure.getMessage()).contains("answered 302 with a redirect to http://169.254.169.254")
                    .doesNotContain("/latest/meta-data");
            assertThat(moved.requests()).hasSize(2);
        }
        assertThat(canary.connections()).isZero();
    }

    @Test
    void shouldCallOnlyHostsOnTheAllowList() {
        OutboundCalls outbound = outbound(false, List.of("*.example.com", "api.ebay.com"),
                host -> new InetAddress[] {InetAddress.getByName("93.184.216.34")});

        outbound.check("omnisync.connector.magento.base-url", "https://shop.example.com");
        outbound.check("omnisync.connector.ebay.api-base-url", "https://API.eBay.com/");
        for (String url : List.of("https://example.com.evil.test", "https://evil.test/?u=shop.example.com",
                "https://api.ebay.com.evil.test")) {
            assertThat(catchThrowableOfType(OutboundUrlRefusedException.class,
                    () -> outbound.check("omnisync.connector.magento.base-url", url)).reason())
                    .as(url).contains("not on omnisync.outbound.allowed-hosts");
        }
    }

    @Test
    void shouldStopStartUpNamingThePropertyAndWhatToSet() {
        Throwable failure = catchThrowable(() -> app("--omnisync.connector.pos.enabled=true",
                "--omnisync.connector.pos.base-url=http://169.254.169.254",
                "--omnisync.connector.pos.access-token=pos-token-not-to-be-shown",
                "--omnisync.connector.pos.webhook-secrets=pos-webhook-secret-0123456789",
                "--omnisync.connector.pos.notification-urls=https://omnisync.example.com/webhooks/pos"));

        FailureAnalysis analysis = new OutboundUrlFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("omnisync.connector.pos.base-url = 'http://169.254.169.254'")
                .contains("a link-local").contains("omnisync.outbound.allow-private-networks=true")
                .doesNotContain("pos-token-not-to-be-shown");
        assertThat(analysis.getAction()).contains("Set omnisync.connector.pos.base-url");
    }

    @Test
    void shouldStopStartUpOnAWrongBreakerSettingNamingTheKey() {
        Throwable failure = catchThrowable(() -> app("--omnisync.outbound.resilience.failure-rate-threshold=0",
                "--omnisync.outbound.endpoints.ebya.max-concurrent-calls=4",
                "--omnisync.outbound.endpoints.magento.minimum-number-of-calls=50",
                "--omnisync.outbound.allowed-hosts=https://shop.example.com"));

        Throwable cause = failure;
        while (cause != null && !(cause instanceof BindValidationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a validation failure in " + failure).isInstanceOf(BindValidationException.class);
        String description = new ConfigurationFailureAnalyzer().analyze(failure).getDescription();
        assertThat(description).contains("omnisync.outbound.resilience.failure-rate-threshold = '0'")
                .contains("must be between 1 and 100")
                .contains("omnisync.outbound.endpoints[ebya]").contains("use one of magento, amazon, amazon-lwa")
                .contains("omnisync.outbound.endpoints[magento].minimum-number-of-calls")
                .contains("must be at most the sliding-window-size (20)")
                .contains("omnisync.outbound.allowed-hosts[0] = 'https://shop.example.com'");
    }

    private static void app(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--spring.datasource.url=jdbc:h2:mem:outbound-refusal;DB_CLOSE_DELAY=-1";
        new SpringApplicationBuilder(OmnisyncApplication.class).web(WebApplicationType.NONE).logStartupInfo(false)
                .run(all).close();
    }
}
