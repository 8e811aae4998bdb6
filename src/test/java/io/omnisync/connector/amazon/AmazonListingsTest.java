package io.omnisync.connector.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.sandbox.amazon.AmazonSeed;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** patchListingsItem and getListingsItem against the Amazon fake over HTTP. */
class AmazonListingsTest {

    private final AmazonTestKit kit = new AmazonTestKit();
    private final AmazonListings listings = new AmazonListings(kit.client);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void shouldPatchQuantityAndPriceInOneCallAndReadThemBack() {
        AmazonListings.ListingSubmission submission = listings.patch(
                new ListingUpdate("OS-0007", AmazonSeed.DE, 3, new BigDecimal("24.95"), "EUR"));

        assertThat(submission.accepted()).as("issues: %s", submission.issues()).isTrue();
        assertThat(kit.fake.requests("patchListingsItem")).isEqualTo(1);
        AmazonListings.ListingState state = listings.get("OS-0007", AmazonSeed.DE);
        assertThat(state.quantity()).isEqualTo(3);
        assertThat(state.price()).isEqualByComparingTo("24.95");
        assertThat(state.currency()).isEqualTo("EUR");
        assertThat(listings.get("OS-0007", AmazonSeed.US).price()).as("the US price is untouched").isEqualByComparingTo("16.99");
    }

    @Test
    void shouldReturnAmazonsIssuesWhenThePriceIsInTheWrongCurrency() {
        AmazonListings.ListingSubmission submission = listings.patch(ListingUpdate.price("OS-0001", AmazonSeed.US,
                new BigDecimal("9.99"), "EUR"));

        assertThat(submission.status()).isEqualTo("INVALID");
        assertThat(submission.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.attribute()).isEqualTo("purchasable_offer");
            assertThat(issue.message()).contains("EUR").contains("USD");
        });
        assertThat(listings.get("OS-0001", AmazonSeed.US).price()).isEqualByComparingTo("10.99");
    }

    @Test
    void shouldClassifyAnUnknownSkuAsMissing() {
        IntegrationException failure = catchThrowableOfType(() -> listings.get("NO-SUCH-SKU", AmazonSeed.US),
                IntegrationException.class);

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.MISSING);
        assertThat(failure.getMessage()).contains("getListingsItem").contains("NotFound").contains("NO-SUCH-SKU");
    }

    @Test
    void shouldTurnAContractViolationIntoAValueErrorNamingTheField() {
        ObjectNode body = kit.client.mapper().createObjectNode();
        body.putArray("patches").addObject().put("op", "replace").put("path", "/attributes/fulfillment_availability");

        IntegrationException failure = catchThrowableOfType(() -> kit.client.call(SpApiOperation.PATCH_LISTINGS_ITEM, "PATCH",
                "/listings/2021-08-01/items/" + kit.properties.getSellerId() + "/OS-0001", Map.of("marketplaceIds", AmazonSeed.US),
                body), IntegrationException.class);

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
        assertThat(failure.getMessage()).contains("400").contains("InvalidInput").contains("productType");
    }
}
