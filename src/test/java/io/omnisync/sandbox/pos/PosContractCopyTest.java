package io.omnisync.sandbox.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fake validates against a classpath copy of Square's contract, byte for byte the shared one. */
class PosContractCopyTest {

    private static final Path SHARED = Path.of("../shared/contracts/square");

    @Test
    void classpathContractIsAByteForByteCopyOfTheSharedOne() throws Exception {
        assumeTrue(Files.isRegularFile(SHARED.resolve("api.json")), "shared contracts folder not present on this machine");
        byte[] copy;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(PosFake.CONTRACT)) {
            assertThat(in).as("classpath contract " + PosFake.CONTRACT).isNotNull();
            copy = in.readAllBytes();
        }
        assertThat(copy).isEqualTo(Files.readAllBytes(SHARED.resolve("api.json")));
    }

    @Test
    void shouldRefuseAWriteWithoutIdempotencyKeyAgainstTheSharedContract() throws Exception {
        assumeTrue(Files.isDirectory(SHARED), "shared contracts folder not present on this machine");
        try (PosFake fake = PosFake.start(PosFakeOptions.defaults().withContractDir(SHARED))) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(fake.baseUrl() + "/v2/inventory/changes/batch-create"))
                    .header("Authorization", "Bearer " + fake.options().accessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"changes\":[]}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).contains("\"category\":\"INVALID_REQUEST_ERROR\"")
                    .contains("\"code\":\"MISSING_REQUIRED_PARAMETER\"").contains("idempotency_key")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(fake.inventoryChangesApplied()).isZero();
        }
    }
}
