package io.omnisync.connector.magento;

import io.omnisync.platform.webhook.RsaSignatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

/**
 * Reads the configured Adobe Commerce webhook public keys ({@code omnisync.connector.magento.adobe-commerce-public-keys}):
 * each entry is PEM text ({@code -----BEGIN PUBLIC KEY-----}) or the path of a file holding it. Public keys are not
 * secrets, but a key that cannot be read stops start-up (see {@link MagentoProperties#validate}).
 */
final class AdobeCommercePublicKeys {

    private AdobeCommercePublicKeys() {
    }

    static List<PublicKey> readAll(List<String> entries) {
        return entries.stream().map(AdobeCommercePublicKeys::read).toList();
    }

    /** @throws IllegalArgumentException saying whether the text or the file is wrong, and why */
    static PublicKey read(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("is empty: expected PEM text or a PEM file path");
        }
        if (entry.contains("-----BEGIN")) {
            return RsaSignatures.parsePublicKey(entry);
        }
        Path file;
        try {
            file = Path.of(entry.trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is neither PEM text nor a file path");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("is not PEM text, and no readable file " + file.toAbsolutePath() + " exists");
        }
        try {
            return RsaSignatures.parsePublicKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalArgumentException("names the file " + file.toAbsolutePath() + ", which cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("names the file " + file.toAbsolutePath() + ", which " + e.getMessage());
        }
    }
}
