package io.omnisync.connector.magento;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.channel.ChannelBindings;
import io.omnisync.platform.channel.ChannelProperties;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.event.OrderLine;
import io.omnisync.platform.event.OrderPlaced;
import io.omnisync.platform.event.PostalAddress;
import io.omnisync.platform.idempotency.IdempotencyKeys;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places an order another channel took into Magento, exactly once: the channel account's binding names the store
 * view; the import claims the channel order id in the state database first (a concurrent delivery of the same
 * order, here or on another instance, waits on that claim until the first commits, then finds its result), and
 * {@link MagentoOrders#createExternal} finds an order an earlier attempt already placed. What cannot be imported
 * (no binding, another currency, no address, unknown SKU) fails before anything is placed, with a reason.
 */
public class MagentoOrderImport {

    static final String CLAIM_SCOPE = "magento-order-import";
    private static final Logger LOG = LoggerFactory.getLogger(MagentoOrderImport.class);

    private final MagentoOrders orders;
    private final ChannelBindings bindings;
    private final IdempotencyKeys claims;
    private final MeterRegistry registry;

    public MagentoOrderImport(MagentoOrders orders, ChannelBindings bindings, IdempotencyKeys claims, MeterRegistry registry) {
        this.orders = orders;
        this.bindings = bindings;
        this.claims = claims;
        this.registry = registry;
    }

    /** Imports the order; Magento's own orders are ignored. Answers the Magento order. */
    public MagentoOrders.Created importOrder(OrderPlaced order) {
        if ("magento".equals(order.channel())) {
            throw new IllegalArgumentException("Magento's own order " + order.channelOrderId() + " is not imported");
        }
        ChannelProperties.Binding binding = bindings.require(order.channel(), order.account());
        if (!binding.getCurrency().equals(order.currency())) {
            throw new IntegrationException(ErrorClass.VALUE, order.channel() + " order " + order.channelOrderId()
                    + " is in " + order.currency() + " but store view " + binding.getStoreView() + " of the binding sells in "
                    + binding.getCurrency() + ": fix the binding of account " + order.account());
        }
        if (order.shippingAddress() == null) {
            throw new IntegrationException(ErrorClass.VALUE, order.channel() + " order " + order.channelOrderId()
                    + " has no shipping address, which Magento needs to place it");
        }
        // waits while another transaction holds the same claim; afterwards createExternal finds its order
        claims.claimWaiting(CLAIM_SCOPE, order.channel() + ":" + order.channelOrderId(), 30);
        MagentoOrders.Created created = orders.createExternal(externalOrder(order, binding));
        Counter.builder("omnisync.orders.imported").description("Channel orders placed in Magento, or found there already")
                .tag("channel", order.channel()).tag("outcome", created.created() ? "created" : "existing")
                .register(registry).increment();
        if (created.created()) {
            LOG.info("{} order {} placed in Magento as {} (store view {})", order.channel(), order.channelOrderId(),
                    created.incrementId(), binding.getStoreView());
        }
        return created;
    }

    private static MagentoOrders.ExternalOrder externalOrder(OrderPlaced order, ChannelProperties.Binding binding) {
        PostalAddress a = order.shippingAddress();
        MagentoOrders.Address address = new MagentoOrders.Address(a.firstname() == null || a.firstname().isBlank()
                ? "-" : a.firstname(), a.lastname(), String.join(", ", a.street()), a.city(), a.region(),
                a.postcode() == null ? "" : a.postcode(), a.countryCode(), a.phone() == null || a.phone().isBlank()
                ? "0" : a.phone());
        List<MagentoOrders.Line> lines = order.lines().stream()
                .map((OrderLine l) -> new MagentoOrders.Line(l.sku(), l.quantity())).toList();
        return new MagentoOrders.ExternalOrder(order.channel(), order.channelOrderId(), binding.getStoreView(),
                order.customerEmail(), address, null, lines, order.currency(), order.grandTotal());
    }
}
