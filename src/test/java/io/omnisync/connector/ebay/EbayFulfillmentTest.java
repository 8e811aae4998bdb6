package io.omnisync.connector.ebay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.sandbox.ebay.EbayOrders;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fulfillment operations against the eBay fake over HTTP. */
class EbayFulfillmentTest {

    @Test
    void shouldStreamEveryOrderModifiedSinceTheCheckpointPageByPage() {
        try (EbayFixture ebay = new EbayFixture(o -> o, p -> p.setOrderPageSize(2))) {
            ebay.fake.orders().placeOrder("EBAY_US", "early_bird", List.of(new EbayOrders.Line("OS-0001", 1)));
            ebay.clock.advance(Duration.ofHours(1));
            Instant checkpoint = ebay.clock.instant();
            for (int n = 2; n <= 6; n++) {
                ebay.fake.orders().placeOrder("EBAY_US", "buyer" + n, List.of(new EbayOrders.Line(String.format("OS-%04d", n), 1)));
                ebay.clock.advance(Duration.ofMinutes(1));
            }

            List<JsonNode> orders = ebay.fulfillment().getOrders(checkpoint).toList();

            assertThat(orders).extracting(o -> o.path("buyer").path("username").asText())
                    .containsExactly("buyer2", "buyer3", "buyer4", "buyer5", "buyer6");
            assertThat(ebay.fake.requests("GET", "/sell/fulfillment/v1/order")).as("pages of 2: 2+2+1").isEqualTo(3);
        }
    }

    @Test
    void shouldReadOnlyThePagesTheConsumerUses() {
        try (EbayFixture ebay = new EbayFixture(o -> o, p -> p.setOrderPageSize(2))) {
            Instant since = ebay.clock.instant();
            for (int n = 1; n <= 5; n++) {
                ebay.fake.orders().placeOrder("EBAY_US", null, List.of(new EbayOrders.Line(String.format("OS-%04d", n), 1)));
            }

            assertThat(ebay.fulfillment().getOrders(since).limit(3).count()).isEqualTo(3);
            assertThat(ebay.fake.requests("GET", "/sell/fulfillment/v1/order")).isEqualTo(2);
        }
    }

    @Test
    void shouldFindAnOrderAgainAfterItChangesAndNotBeforeTheFilter() {
        try (EbayFixture ebay = new EbayFixture()) {
            String orderId = ebay.fake.orders().placeOrder("EBAY_DE", null, List.of(new EbayOrders.Line("OS-0003", 1)));
            ebay.clock.advance(Duration.ofMinutes(10));
            Instant since = ebay.clock.instant();
            assertThat(ebay.fulfillment().getOrders(since)).isEmpty();

            String lineItemId = ebay.fulfillment().getOrder(orderId).orElseThrow().at("/lineItems/0/lineItemId").asText();
            ebay.fulfillment().createShippingFulfillment(orderId, new EbayShipment(List.of(new EbayShipment.Line(lineItemId, 1)),
                    "DHL", "00340434161234567890", since));

            assertThat(ebay.fulfillment().getOrders(since)).extracting(o -> o.path("orderId").asText()).containsExactly(orderId);
            assertThat(ebay.fulfillment().getOrder("99-99999-99999")).isEmpty();
        }
    }

    @Test
    void shouldShipPartOfAnOrderThenTheRest() {
        try (EbayFixture ebay = new EbayFixture()) {
            String orderId = ebay.fake.orders().placeOrder("EBAY_US", null,
                    List.of(new EbayOrders.Line("OS-0001", 3), new EbayOrders.Line("OS-0002", 1)));
            JsonNode order = ebay.fulfillment().getOrder(orderId).orElseThrow();
            String first = order.at("/lineItems/0/lineItemId").asText();
            String second = order.at("/lineItems/1/lineItemId").asText();

            String partial = ebay.fulfillment().createShippingFulfillment(orderId, new EbayShipment(
                    List.of(new EbayShipment.Line(first, 2)), "USPS", "9400100000000000000001", ebay.clock.instant()));

            JsonNode afterPartial = ebay.fulfillment().getOrder(orderId).orElseThrow();
            assertThat(partial).isNotBlank();
            assertThat(afterPartial.path("orderFulfillmentStatus").asText()).isEqualTo("IN_PROGRESS");
            assertThat(afterPartial.at("/lineItems/0/lineItemFulfillmentStatus").asText()).isEqualTo("IN_PROGRESS");
            assertThat(afterPartial.at("/lineItems/1/lineItemFulfillmentStatus").asText()).isEqualTo("NOT_STARTED");

            String rest = ebay.fulfillment().createShippingFulfillment(orderId, new EbayShipment(
                    List.of(new EbayShipment.Line(first, 1), new EbayShipment.Line(second, 1)), "UPS", "1Z999AA10123456784",
                    ebay.clock.instant()));

            JsonNode shipped = ebay.fulfillment().getOrder(orderId).orElseThrow();
            assertThat(rest).isNotEqualTo(partial);
            assertThat(shipped.path("orderFulfillmentStatus").asText()).isEqualTo("FULFILLED");
            assertThat(shipped.path("lineItems")).allSatisfy(l ->
                    assertThat(l.path("lineItemFulfillmentStatus").asText()).isEqualTo("FULFILLED"));
            assertThat(ebay.fake.orders().fulfillments(orderId)).extracting(f -> f.path("fulfillmentId").asText())
                    .containsExactly(partial, rest);
            IntegrationException tooMany = catchThrowableOfType(IntegrationException.class, () -> ebay.fulfillment()
                    .createShippingFulfillment(orderId, new EbayShipment(List.of(new EbayShipment.Line(first, 1)), "UPS",
                            "1Z999AA10123456785", ebay.clock.instant())));
            assertThat(tooMany.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(tooMany.getMessage()).contains("0 left to ship");
        }
    }

    @Test
    void shouldRecordARefundAndRefuseOneBeyondWhatWasPaid() {
        try (EbayFixture ebay = new EbayFixture()) {
            String orderId = ebay.fake.orders().placeOrder("EBAY_DE", null, List.of(new EbayOrders.Line("OS-0004", 1)));
            JsonNode order = ebay.fulfillment().getOrder(orderId).orElseThrow();
            String lineItemId = order.at("/lineItems/0/lineItemId").asText();
            BigDecimal total = new BigDecimal(order.at("/pricingSummary/total/value").asText());

            EbayRefund.Result refund = ebay.fulfillment().issueRefund(orderId, new EbayRefund("BUYER_RETURN", "returned",
                    List.of(new EbayRefund.Line(lineItemId, new BigDecimal("10.00"))), null, "EUR"));

            assertThat(refund.refundId()).isNotBlank();
            assertThat(refund.status()).isEqualTo("PENDING");
            JsonNode after = ebay.fulfillment().getOrder(orderId).orElseThrow();
            assertThat(after.path("orderPaymentStatus").asText()).isEqualTo("PARTIALLY_REFUNDED");
            assertThat(after.at("/paymentSummary/refunds/0/refundId").asText()).isEqualTo(refund.refundId());
            IntegrationException tooMuch = catchThrowableOfType(IntegrationException.class, () -> ebay.fulfillment()
                    .issueRefund(orderId, new EbayRefund("OTHER_ADJUSTMENT", null, List.of(), total, "EUR")));
            assertThat(tooMuch.errorClass()).isEqualTo(ErrorClass.VALUE);
            assertThat(tooMuch.getMessage()).contains("exceeds");
        }
    }
}
