package io.omnisync.connector.ebay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inventory operations against the eBay fake over HTTP. */
class EbayInventoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldUpdateSixtySkusInThreeCallsAndNameTheOneEbayRefused() {
        try (EbayFixture ebay = new EbayFixture()) {
            for (int n = 51; n <= 59; n++) {
                ebay.inventory().createOrReplaceInventoryItem(sku(n), "en-US", item("Extra item " + n, 1));
            }
            List<EbayPriceQuantity> updates = new ArrayList<>();
            for (int n = 1; n <= 59; n++) {
                updates.add(EbayPriceQuantity.quantity(sku(n), 100 + n));
            }
            updates.add(30, EbayPriceQuantity.quantity("OS-9999", 7));

            EbayBulkResult result = ebay.inventory().bulkUpdatePriceQuantity(updates);

            assertThat(result.calls()).isEqualTo(3);
            assertThat(ebay.fake.requests("POST", "/bulk_update_price_quantity")).isEqualTo(3);
            assertThat(result.failedSkus()).containsExactly("OS-9999");
            assertThat(result.failures().get(0).statusCode()).isEqualTo(404);
            assertThat(result.failures().get(0).message()).contains("errorId 25702").contains("OS-9999");
            assertThat(ebay.fake.listings().quantity("OS-0001")).isEqualTo(101);
            assertThat(ebay.fake.listings().quantity("OS-0059")).as("after the failing SKU's chunk").isEqualTo(159);
            IntegrationException failure = catchThrowableOfType(IntegrationException.class, result::orThrow);
            assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(failure.getMessage()).contains("OS-9999");
        }
    }

    @Test
    void shouldReviseAnOffersPriceAndQuantityAndReportAWrongCurrencyPerOffer() {
        try (EbayFixture ebay = new EbayFixture()) {
            String us = ebay.inventory().getOffers("OS-0002", "EBAY_US").get(0).path("offerId").asText();
            String de = ebay.inventory().getOffers("OS-0002", "EBAY_DE").get(0).path("offerId").asText();

            EbayBulkResult result = ebay.inventory().bulkUpdatePriceQuantity(List.of(new EbayPriceQuantity("OS-0002", 12,
                    List.of(new EbayPriceQuantity.Offer(us, 12, new BigDecimal("61.50"), "USD"),
                            new EbayPriceQuantity.Offer(de, 12, new BigDecimal("55.00"), "USD")))));

            assertThat(result.failures()).singleElement().satisfies(f -> {
                assertThat(f.offerId()).isEqualTo(de);
                assertThat(f.message()).contains("currency");
            });
            assertThat(ebay.fake.listings().offer(us).orElseThrow().at("/pricingSummary/price/value").asText()).isEqualTo("61.50");
            assertThat(ebay.fake.listings().offer(us).orElseThrow().path("availableQuantity").asInt()).isEqualTo(12);
        }
    }

    @Test
    void shouldReportEbaysErrorWhenABulkCallCarriesMoreThanTwentyFiveItems() {
        try (EbayFixture ebay = new EbayFixture()) {
            ObjectNode body = JSON.createObjectNode();
            for (int n = 1; n <= 26; n++) {
                body.withArrayProperty("requests").addObject().put("sku", sku(n)).putObject("shipToLocationAvailability")
                        .put("quantity", 1);
            }
            IntegrationException failure = catchThrowableOfType(IntegrationException.class, () -> ebay.client.call(
                    EbayRequest.post(EbayApi.INVENTORY, "/bulk_update_price_quantity", body)));

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(failure.getMessage()).contains("answered 400").contains("between 1 and 25");
            assertThat(ebay.fake.listings().quantity("OS-0001")).as("nothing applied").isNotEqualTo(1);
        }
    }

    @Test
    void shouldAnswerAMalformedRequestWithAValueErrorNamingTheField() {
        try (EbayFixture ebay = new EbayFixture()) {
            ObjectNode body = JSON.createObjectNode();
            body.withArrayProperty("requests").addObject().put("sku", "OS-0001").putObject("shipToLocationAvailability")
                    .put("quantity", "five");

            IntegrationException failure = catchThrowableOfType(IntegrationException.class, () -> ebay.client.call(
                    EbayRequest.post(EbayApi.INVENTORY, "/bulk_update_price_quantity", body)));

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(failure.getMessage()).contains("errorId 2004")
                    .contains("requests[0].shipToLocationAvailability.quantity");
        }
    }

    @Test
    void shouldRefuseAnInventoryItemWithoutItsContentLanguageAsTheContractRequires() {
        try (EbayFixture ebay = new EbayFixture()) {
            IntegrationException failure = catchThrowableOfType(IntegrationException.class, () -> ebay.client.call(
                    EbayRequest.put(EbayApi.INVENTORY, "/inventory_item/OS-0100", item("No language", 1))));

            assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(failure.getMessage()).contains("Content-Language");
        }
    }

    @Test
    void shouldCreateAndPublishANewListingAndReadItBack() {
        try (EbayFixture ebay = new EbayFixture()) {
            ebay.inventory().createOrReplaceInventoryItem("OS-0100", "de-DE", item("Leinenkissen", 4));
            ObjectNode offer = JSON.createObjectNode().put("sku", "OS-0100").put("marketplaceId", "EBAY_DE")
                    .put("format", "FIXED_PRICE").put("availableQuantity", 4).put("categoryId", "15687")
                    .put("merchantLocationKey", "eu_warehouse");
            offer.putObject("pricingSummary").putObject("price").put("value", "34.90").put("currency", "EUR");
            offer.putObject("listingPolicies").put("fulfillmentPolicyId", "1").put("paymentPolicyId", "2")
                    .put("returnPolicyId", "3");

            String offerId = ebay.inventory().createOffer(EbayMarketplaces.contentLanguage("EBAY_DE"), offer);
            String listingId = ebay.inventory().publishOffer(offerId);

            assertThat(listingId).isNotBlank();
            assertThat(ebay.inventory().getOffers("OS-0100", "EBAY_DE")).singleElement()
                    .satisfies(o -> assertThat(o.path("status").asText()).isEqualTo("PUBLISHED"));
            assertThat(ebay.inventory().getOffers("OS-0100", "EBAY_US")).isEmpty();
            assertThat(ebay.inventory().getInventoryItem("OS-0100").orElseThrow().path("locale").asText()).isEqualTo("de_DE");
            assertThat(ebay.inventory().getInventoryItem("OS-0404")).isEmpty();
            IntegrationException twice = catchThrowableOfType(IntegrationException.class,
                    () -> ebay.inventory().createOffer("de-DE", offer));
            assertThat(twice.getMessage()).contains("errorId 25002").contains("offerId=" + offerId);
        }
    }

    @Test
    void shouldReadSeventyItemsInChunksForReconciliationLeavingOutUnknownSkus() {
        try (EbayFixture ebay = new EbayFixture()) {
            List<String> skus = new ArrayList<>();
            for (int n = 1; n <= 70; n++) {
                skus.add(sku(n));
            }

            Map<String, JsonNode> items = ebay.inventory().bulkGetInventoryItems(skus);

            assertThat(items).hasSize(50).containsKeys("OS-0001", "OS-0050").doesNotContainKey("OS-0051");
            assertThat(ebay.fake.requests("POST", "/bulk_get_inventory_item")).isEqualTo(3);
            assertThat(items.get("OS-0009").at("/availability/shipToLocationAvailability/quantity").asInt()).isZero();
        }
    }

    static ObjectNode item(String title, int quantity) {
        ObjectNode item = JSON.createObjectNode().put("condition", "NEW");
        item.putObject("availability").putObject("shipToLocationAvailability").put("quantity", quantity);
        item.putObject("product").put("title", title);
        return item;
    }

    private static String sku(int n) {
        return String.format("OS-%04d", n);
    }
}
