package io.omnisync.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnisync.connector.ebay.EbayApi;
import io.omnisync.connector.ebay.EbayClient;
import io.omnisync.connector.ebay.EbayProperties;
import io.omnisync.connector.ebay.EbayRequest;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.outbound.ScriptedHttpServer.Reply;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/**
 * Matrix rows 24 (XXE, billion laughs) and 25 (Java deserialization). omnisync parses no XML and deserializes no Java
 * objects: everything it receives is JSON read by Jackson without default typing, and the Kafka bus carries JSON bytes.
 * So there is no secure XML factory to share; instead this test fails the build when compiled code starts using an XML
 * parser, Java deserialization or Jackson's polymorphic default typing, or a flow or configuration turns on Camel's
 * exception transfer, Java-serialized bodies, XPath/XSLT or a JDBC aggregation repository. Whoever needs XML then has to
 * add a factory with DTDs and external entities off and FEATURE_SECURE_PROCESSING on, and list it as the one exception.
 * An XML answer with external entities, sent where JSON is expected, fails as PARSE and fetches nothing.
 */
class UntrustedInputParsingTest {

    /** Class names (as the constant pool spells them) and member names compiled code must not use. */
    private static final List<String> FORBIDDEN_IN_CLASSES = List.of(
            "javax/xml/parsers/DocumentBuilderFactory", "javax/xml/parsers/SAXParserFactory",
            "javax/xml/stream/XMLInputFactory", "javax/xml/transform/TransformerFactory",
            "javax/xml/validation/SchemaFactory", "org/xml/sax/XMLReader", "org/xml/sax/helpers/XMLReaderFactory",
            "java/io/ObjectInputStream", "java/beans/XMLDecoder", "com/thoughtworks/xstream",
            "com/fasterxml/jackson/dataformat/xml", "org/apache/camel/processor/aggregate/jdbc",
            "activateDefaultTyping", "enableDefaultTyping", "org/apache/commons/lang3/SerializationUtils");

    /** Camel options and components flows and configuration must not use (case-insensitive). */
    private static final List<String> FORBIDDEN_IN_FLOWS = List.of("transferexception", "allowjavaserializedobject",
            "jdbcaggregationrepository", "xpath", "xslt", "xquery", "jaxb", "jacksonxml", "xstream");

    /** The one place allowed to create an XML parser, once something needs one (none today). */
    private static final List<String> ALLOWED_CLASSES = List.of();

    @Test
    void shouldFindNoXmlParserJavaDeserializationOrDefaultTypingInCompiledCode() throws IOException {
        assertThat(findings(Path.of("target/classes"))).isEmpty();
    }

    @Test
    void shouldFindTheForbiddenUsesInAClassThatHasThem() throws IOException {
        // proves the scan can fail: this test's own fixture below uses two of them
        assertThat(findings(Path.of("target/test-classes/io/omnisync/platform/outbound")))
                .anySatisfy(f -> assertThat(f).contains("UntrustedInputParsingTest$Gadget").contains("java/io/ObjectInputStream"))
                .anySatisfy(f -> assertThat(f).contains("UntrustedInputParsingTest$Gadget")
                        .contains("javax/xml/parsers/DocumentBuilderFactory"));
    }

    @Test
    void shouldFindNoExceptionTransferSerializedBodiesOrXmlInFlowsAndConfiguration() throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path root : List.of(Path.of("routes"), Path.of("config"), Path.of("src/main/resources/application.yaml"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file).toLowerCase(Locale.ROOT);
                    FORBIDDEN_IN_FLOWS.stream().filter(text::contains).forEach(word -> findings.add(file + ": " + word));
                }
            }
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void shouldFailAnXmlAnswerWithExternalEntitiesAsParseWithoutFetchingAnything() {
        try (ScriptedHttpServer canary = ScriptedHttpServer.canary();
             ScriptedHttpServer ebay = ScriptedHttpServer.start(request -> request.path().startsWith("/identity/")
                     ? Reply.json(200, "{\"access_token\":\"v^1.1#t\",\"expires_in\":7200}")
                     : request.path().contains("laughs") ? Reply.status(200, billionLaughs(), "Content-Type", "application/xml")
                     : Reply.status(200, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY file SYSTEM \"file:///etc/passwd\">"
                             + "<!ENTITY net SYSTEM \"" + canary.baseUrl() + "/xxe\">]><r>&file;&net;</r>",
                             "Content-Type", "application/xml"))) {
            OutboundProperties settings = new OutboundProperties();
            settings.setAllowPrivateNetworks(true);
            EbayProperties properties = new EbayProperties();
            properties.setApiBaseUrl(ebay.baseUrl());
            properties.setTokenUrl(ebay.baseUrl() + "/identity/v1/oauth2/token");
            properties.setClientId("id");
            properties.setClientSecret("secret-0123");
            properties.setRefreshToken("refresh-0123");
            EbayClient client = new EbayClient(properties, new ObjectMapper(), Clock.systemUTC(), d -> { }, new Random(1),
                    new OutboundCalls(settings, UrlPolicy.Resolver.SYSTEM, Clock.systemUTC(), null));

            IntegrationException xxe = catchThrowableOfType(IntegrationException.class,
                    () -> client.call(EbayRequest.get(EbayApi.INVENTORY, "/inventory_item/OS-0001")));
            IntegrationException laughs = catchThrowableOfType(IntegrationException.class,
                    () -> client.call(EbayRequest.get(EbayApi.INVENTORY, "/inventory_item/laughs")));

            assertThat(xxe.errorClass()).isEqualTo(ErrorClass.PARSE);
            assertThat(laughs.errorClass()).isEqualTo(ErrorClass.PARSE);
            assertThat(xxe.getMessage()).contains("answered something that is not JSON").doesNotContain("root:");
            assertThat(canary.connections()).as("external entity fetches").isZero();
        }
    }

    private static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return dtd.append("]><lolz>&lol9;</lolz>").toString();
    }

    private static List<String> findings(Path root) throws IOException {
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString();
                if (ALLOWED_CLASSES.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                FORBIDDEN_IN_CLASSES.stream().filter(constants::contains).forEach(use -> findings.add(file + " uses " + use));
            }
        }
        return findings;
    }

    /** What the scan must catch; never called. */
    @SuppressWarnings("unused")
    private static final class Gadget {
        Object read(java.io.InputStream in) throws Exception {
            DocumentBuilderFactory.newInstance().newDocumentBuilder();
            return new ObjectInputStream(in).readObject();
        }
    }
}
