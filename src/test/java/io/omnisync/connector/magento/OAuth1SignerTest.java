package io.omnisync.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** OAuth 1.0a signing against RFC 5849's own worked example (section 3.4.1.1). */
class OAuth1SignerTest {

    @Test
    void shouldBuildTheSignatureBaseStringOfTheRfcExample() {
        URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        List<String[]> parameters = OAuth1Signer.queryParameters(uri);
        // the example's form body parameters and oauth_* parameters
        parameters.add(new String[] {"c2", ""});
        parameters.add(new String[] {"a3", "2 q"});
        parameters.add(new String[] {"oauth_consumer_key", "9djdj82h48djs9d2"});
        parameters.add(new String[] {"oauth_token", "kkk9d7dh3k39sjv7"});
        parameters.add(new String[] {"oauth_signature_method", "HMAC-SHA1"});
        parameters.add(new String[] {"oauth_timestamp", "137131201"});
        parameters.add(new String[] {"oauth_nonce", "7d8f3e4a"});

        String base = OAuth1Signer.baseString("post", uri, parameters);

        assertThat(base).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
                + "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9"
                + "d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137"
                + "131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    @Test
    void shouldDropDefaultPortsAndLowerCaseTheHostInTheBaseUri() {
        assertThat(OAuth1Signer.baseUri(URI.create("HTTPS://Shop.Example.com:443/rest/default/V1/orders?x=1")))
                .isEqualTo("https://shop.example.com/rest/default/V1/orders");
        assertThat(OAuth1Signer.baseUri(URI.create("http://127.0.0.1:8081/rest/all/V1/store/storeViews")))
                .isEqualTo("http://127.0.0.1:8081/rest/all/V1/store/storeViews");
    }

    @Test
    void shouldSignWithHmacSha256KeyedByBothSecrets() {
        OAuth1Signer signer = new OAuth1Signer("ck", "cs&1", "tk", "ts", Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));

        String header = signer.authorization("GET", URI.create("https://shop.example.com/rest/default/V1/products?searchCriteria%5BpageSize%5D=2"));

        assertThat(header).startsWith("OAuth ").contains("oauth_consumer_key=\"ck\"", "oauth_token=\"tk\"",
                "oauth_signature_method=\"HMAC-SHA256\"", "oauth_timestamp=\"1700000000\"", "oauth_version=\"1.0\"");
        Matcher nonce = Pattern.compile("oauth_nonce=\"([0-9a-f]{32})\"").matcher(header);
        assertThat(nonce.find()).isTrue();
        String base = "GET&https%3A%2F%2Fshop.example.com%2Frest%2Fdefault%2FV1%2Fproducts&oauth_consumer_key%3Dck%26oauth_nonce%3D"
                + nonce.group(1) + "%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dtk"
                + "%26oauth_version%3D1.0%26searchCriteria%255BpageSize%255D%3D2";
        // key: percent-encoded consumer secret & token secret ("cs%261&ts")
        String expected = OAuth1Signer.encode(new OAuth1Signer("ck", "cs&1", "tk", "ts", Clock.systemUTC()).sign(base));
        assertThat(header).contains("oauth_signature=\"" + expected + "\"");
    }
}
