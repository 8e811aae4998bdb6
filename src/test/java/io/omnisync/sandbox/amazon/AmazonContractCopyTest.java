package io.omnisync.sandbox.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The classpath copy of the Amazon models is byte for byte the shared one, file for file. */
class AmazonContractCopyTest {

    private static final Path SHARED = Path.of("../shared/contracts/amazon");

    @Test
    void classpathContractsAreByteForByteCopiesOfTheSharedOnes() throws Exception {
        assumeTrue(Files.isDirectory(SHARED), "shared contracts folder not present on this machine");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SHARED)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(11);
        for (Path file : files) {
            String resource = AmazonFake.CONTRACTS + SHARED.relativize(file).toString().replace('\\', '/');
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as("classpath copy of " + resource).isNotNull();
                assertThat(in.readAllBytes()).as(resource).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void anExplicitContractFolderIsUsedForValidation() throws Exception {
        assumeTrue(Files.isDirectory(SHARED), "shared contracts folder not present on this machine");
        try (AmazonFake fake = AmazonFake.start(AmazonFakeOptions.defaults().withContractDir(SHARED))) {
            SpApiHttp http = new SpApiHttp(fake);

            assertThat(http.get("/orders/v0/orders?LastUpdatedAfter=2025-01-01T00:00:00Z").status()).isEqualTo(400);
            assertThat(http.get("/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&LastUpdatedAfter=2025-01-01T00:00:00Z")
                    .status()).isEqualTo(200);
        }
    }
}
