package io.omnisync.connector.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.sandbox.amazon.AmazonSeed;
import io.omnisync.sandbox.amazon.FakeOrder;
import io.omnisync.sandbox.amazon.OrderDesk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** getOrders, getOrderItems and confirmShipment against the Amazon fake over HTTP. */
class AmazonOrdersTest {

    private final AmazonTestKit kit = new AmazonTestKit(options -> options.withOrderItemsPageSize(2),
            properties -> properties.setOrdersPageSize(2));
    private final AmazonOrders orders = new AmazonOrders(kit.client);

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void shouldPageThroughOrdersUpdatedSinceTheHighWaterMarkOnly() {
        kit.fake.orders().placeOrder(AmazonSeed.US, FakeOrder.Status.Unshipped, List.of(new OrderDesk.Line("OS-0001", 1)));
        kit.fake.orders().placeOrder(AmazonSeed.DE, FakeOrder.Status.Unshipped, List.of(new OrderDesk.Line("OS-0002", 1)));
        kit.clock.advance(Duration.ofMinutes(10));
        Instant highWaterMark = kit.clock.instant();
        List<String> expected = IntStream.range(0, 6).mapToObj(i -> {
            kit.clock.advance(Duration.ofMinutes(1));
            return kit.fake.orders().placeOrder(i % 2 == 0 ? AmazonSeed.US : AmazonSeed.DE, FakeOrder.Status.Unshipped,
                    List.of(new OrderDesk.Line("OS-0003", 1))).amazonOrderId();
        }).toList();

        List<String> read = orders.updatedSince(highWaterMark).map(o -> o.path("AmazonOrderId").asText()).toList();

        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(kit.fake.requests("getOrders")).as("three pages of two").isEqualTo(3);
    }

    @Test
    void shouldFetchTheNextPageOnlyWhenTheStreamReachesIt() {
        IntStream.range(0, 5).forEach(i -> kit.fake.orders().placeOrder(AmazonSeed.US, FakeOrder.Status.Pending,
                List.of(new OrderDesk.Line("OS-0004", 1))));

        assertThat(orders.updatedSince(kit.clock.instant().minusSeconds(60)).findFirst()).isPresent();
        assertThat(kit.fake.requests("getOrders")).isEqualTo(1);
    }

    @Test
    void shouldReadEveryOrderItemAcrossPages() {
        FakeOrder order = kit.fake.orders().placeOrder(AmazonSeed.DE, FakeOrder.Status.Unshipped, List.of(
                new OrderDesk.Line("OS-0011", 1), new OrderDesk.Line("OS-0012", 2), new OrderDesk.Line("OS-0013", 3)));

        List<JsonNode> items = orders.items(order.amazonOrderId());

        assertThat(items).extracting(i -> i.path("SellerSKU").asText()).containsExactly("OS-0011", "OS-0012", "OS-0013");
        assertThat(items).extracting(i -> i.path("QuantityOrdered").asInt()).containsExactly(1, 2, 3);
        assertThat(items.get(1).path("ItemPrice").path("CurrencyCode").asText()).isEqualTo("EUR");
        assertThat(kit.fake.requests("getOrderItems")).isEqualTo(2);
    }

    @Test
    void shouldConfirmAShipmentAndSeeTheOrderShipped() {
        FakeOrder order = kit.fake.orders().placeOrder(AmazonSeed.US, FakeOrder.Status.Unshipped, List.of(
                new OrderDesk.Line("OS-0021", 2), new OrderDesk.Line("OS-0022", 1)));
        List<ShipmentConfirmation.Item> lines = orders.items(order.amazonOrderId()).stream()
                .map(i -> new ShipmentConfirmation.Item(i.path("OrderItemId").asText(), i.path("QuantityOrdered").asInt())).toList();

        orders.confirmShipment(order.amazonOrderId(), new ShipmentConfirmation(AmazonSeed.US, "magento-shipment-17", "UPS",
                null, "Standard", "1Z999AA10123456784", kit.clock.instant(), lines));

        assertThat(order.status()).isEqualTo(FakeOrder.Status.Shipped);
        assertThat(order.packages()).singleElement().satisfies(p -> {
            assertThat(p.carrierCode()).isEqualTo("UPS");
            assertThat(p.trackingNumber()).isEqualTo("1Z999AA10123456784");
        });
        assertThat(orders.updatedSince(kit.clock.instant().minusSeconds(1)).map(o -> o.path("OrderStatus").asText()))
                .containsExactly("Shipped");
    }

    @Test
    void shouldRefuseToConfirmAPendingOrderAsAValueError() {
        FakeOrder order = kit.fake.orders().placeOrder(AmazonSeed.US, FakeOrder.Status.Pending,
                List.of(new OrderDesk.Line("OS-0021", 1)));
        ShipmentConfirmation shipment = new ShipmentConfirmation(AmazonSeed.US, "p1", "Other", "Hermes", null, "H123",
                kit.clock.instant(), List.of(new ShipmentConfirmation.Item(order.items().get(0).orderItemId(), 1)));

        IntegrationException failure = catchThrowableOfType(() -> orders.confirmShipment(order.amazonOrderId(), shipment),
                IntegrationException.class);

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.VALUE);
        assertThat(failure.getMessage()).contains("Pending");
        assertThat(order.status()).isEqualTo(FakeOrder.Status.Pending);
    }
}
