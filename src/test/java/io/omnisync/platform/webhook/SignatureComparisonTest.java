package io.omnisync.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reliability matrix row 15, the rule the anchors state as "no String.equals on signatures": every webhook source
 * and signature helper compares in constant time ({@code MessageDigest.isEqual}) or verifies with
 * {@code java.security.Signature}, and none compares a signature, digest or header with equals/compareTo, whose time
 * depends on how many leading characters match. Read from the sources, so a new connector is checked too.
 */
class SignatureComparisonTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern EARLY_EXIT_COMPARISON = Pattern.compile("\\.(equals|equalsIgnoreCase|compareTo|contentEquals)\\(");
    private static final List<String> SECRET_WORDS = List.of("signature", "hmac", "digest", "expected", "provided", "header", "mac");
    private static final List<String> CONSTANT_TIME = List.of("MessageDigest.isEqual", "HmacSignatures.matchesHex",
            "RsaSignatures.verifiesWith", "Signature.getInstance");

    @Test
    void shouldCompareEverySignatureInConstantTime() throws IOException {
        List<Path> checked = new ArrayList<>();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                boolean verifier = source.contains("implements WebhookSource") || file.endsWith("HmacSignatures.java")
                        || file.endsWith("RsaSignatures.java");
                if (!verifier) {
                    continue;
                }
                checked.add(file);
                if (CONSTANT_TIME.stream().noneMatch(source::contains)) {
                    offenders.add(file + ": verifies without MessageDigest.isEqual, HmacSignatures or RsaSignatures");
                }
                List<String> lines = source.lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).toLowerCase(Locale.ROOT);
                    if (EARLY_EXIT_COMPARISON.matcher(lines.get(i)).find() && SECRET_WORDS.stream().anyMatch(line::contains)) {
                        offenders.add(file + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }

        assertThat(checked).as("webhook sources and signature helpers found")
                .anyMatch(f -> f.endsWith("MagentoWebhookSource.java")).anyMatch(f -> f.endsWith("PosWebhookSource.java"))
                .anyMatch(f -> f.endsWith("AdobeCommerceWebhookSource.java")).anyMatch(f -> f.endsWith("HmacSignatures.java"));
        assertThat(offenders).as("signature comparisons that are not constant-time").isEmpty();
    }
}
