package io.omnisync.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class RsaSignaturesTest {

    private static final Path PUBLIC_PEM = Path.of("src/test/resources/adobe-commerce/rotated-public.pem");

    @Test
    void shouldReadAnOpensslPublicKeyPem() throws IOException {
        PublicKey key = RsaSignatures.parsePublicKey(Files.readString(PUBLIC_PEM));

        assertThat(key.getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void shouldRefuseTextThatIsNoPublicKeyWithoutEchoingIt() throws Exception {
        String reversed = "-----END PUBLIC KEY-----\nAAAA\n-----BEGIN PUBLIC KEY-----";
        String notBase64 = "-----BEGIN PUBLIC KEY-----\n%%%%\n-----END PUBLIC KEY-----";
        var ec = KeyPairGenerator.getInstance("EC");
        String ecKey = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getEncoder().encodeToString(
                ec.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";

        assertThatThrownBy(() -> RsaSignatures.parsePublicKey(reversed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a PEM public key");
        assertThatThrownBy(() -> RsaSignatures.parsePublicKey(notBase64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a readable RSA public key").hasMessageNotContaining("%%%%");
        assertThatThrownBy(() -> RsaSignatures.parsePublicKey(ecKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a readable RSA public key");
    }

    @Test
    void shouldNotVerifyAMissingOrUndecodableSignature() throws IOException {
        List<PublicKey> keys = List.of(RsaSignatures.parsePublicKey(Files.readString(PUBLIC_PEM)));

        assertThat(RsaSignatures.verifiesWithAny(keys, new byte[] {1}, null)).isFalse();
        assertThat(RsaSignatures.verifiesWithAny(keys, new byte[] {1}, " ")).isFalse();
        assertThat(RsaSignatures.verifiesWithAny(keys, new byte[] {1}, "not base64!")).isFalse();
        assertThat(RsaSignatures.verifiesWithAny(keys, new byte[] {1}, "AAAA")).isFalse();
    }
}
