package io.omnisync.sandbox.magento;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MagentoContractCopyTest {

    private static final Path SHARED = Path.of("../shared/contracts/magento/admin-schema-2.4.8.yaml");

    @Test
    void classpathContractIsAByteForByteCopyOfTheSharedOne() throws Exception {
        assumeTrue(Files.isRegularFile(SHARED), "shared contracts folder not present on this machine");
        byte[] copy;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MagentoFake.CONTRACT_RESOURCE)) {
            assertThat(in).as("classpath contract").isNotNull();
            copy = in.readAllBytes();
        }
        assertThat(copy).isEqualTo(Files.readAllBytes(SHARED));
    }

    @Test
    void anExplicitContractFileIsUsedForValidation() {
        assumeTrue(Files.isRegularFile(SHARED), "shared contracts folder not present on this machine");
        try (MagentoFake fake = MagentoFake.start(MagentoFakeOptions.defaults().withContractFile(SHARED))) {
            RestClient rest = new RestClient(fake.baseUrl(), null);

            assertThat(rest.get("/rest/default/V1/orders/not-a-number").status()).isEqualTo(400);
            assertThat(rest.get("/rest/default/V1/orders?searchCriteria[pageSize]=1").status()).isEqualTo(200);
        }
    }
}
