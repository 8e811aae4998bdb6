package io.omnisync.connector.magento;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.channel.ChannelBindings;
import io.omnisync.platform.channel.ChannelProperties;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.channel.ChannelOrderFeedback;
import io.omnisync.platform.event.OrderCancelled;
import io.omnisync.platform.event.OrderLine;
import io.omnisync.platform.xref.CrossReferences;
import io.omnisync.platform.event.OrderPlaced;
import io.omnisync.platform.event.PostalAddress;
import io.omnisync.platform.event.RefundIssued;
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
    private final MagentoInventory inventory;
    private final ChannelBindings bindings;
    private final IdempotencyKeys claims;
    private final CrossReferences xref;
    private final MeterRegistry registry;

    public MagentoOrderImport(MagentoOrders orders, MagentoInventory inventory, ChannelBindings bindings,
                              IdempotencyKeys claims, CrossReferences xref, MeterRegistry registry) {
        this.orders = orders;
        this.inventory = inventory;
        this.bindings = bindings;
        this.claims = claims;
        this.xref = xref;
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
        boolean counterSale = "pos".equals(order.channel());
        if (order.shippingAddress() == null && !counterSale) {
            throw new IntegrationException(ErrorClass.VALUE, order.channel() + " order " + order.channelOrderId()
                    + " has no shipping address, which Magento needs to place it");
        }
        // waits while another transaction holds the same claim; afterwards createExternal finds its order
        claims.claimWaiting(CLAIM_SCOPE, order.channel() + ":" + order.channelOrderId(), 30);
        PostalAddress address = order.shippingAddress() != null ? order.shippingAddress() : shopAddress(binding);
        MagentoOrders.Created created = orders.createExternal(externalOrder(order, binding, address));
        xref.link(ChannelOrderFeedback.ORDER_ACCOUNT, order.channel(), order.channelOrderId(), "channel-account",
                order.account());
        if (counterSale) {
            handOver(created.entityId(), binding.getSource());
        }
        Counter.builder("omnisync.orders.imported").description("Channel orders placed in Magento, or found there already")
                .tag("channel", order.channel()).tag("outcome", created.created() ? "created" : "existing")
                .register(registry).increment();
        if (created.created()) {
            LOG.info("{} order {} placed in Magento as {} (store view {})", order.channel(), order.channelOrderId(),
                    created.incrementId(), binding.getStoreView());
        }
        return created;
    }

    /**
     * A channel cancelled an order: cancel its Magento order (MSI gives the reserved units back). Nothing to do when
     * the order was never imported or is cancelled already; an order Magento has invoiced or shipped cannot be
     * cancelled, which is reported for an operator to settle with a credit memo.
     */
    public void cancel(OrderCancelled cancelled) {
        java.util.Optional<String> magentoId = xref.find(MagentoOrderReferences.ORDER, cancelled.channel(),
                cancelled.channelOrderId(), MagentoOrderReferences.MAGENTO_ENTITY);
        if (magentoId.isEmpty()) {
            LOG.info("{} order {} was cancelled before omnisync placed it in Magento; nothing to cancel",
                    cancelled.channel(), cancelled.channelOrderId());
            return;
        }
        int id = Integer.parseInt(magentoId.get());
        if (orders.cancel(id) || "canceled".equals(orders.get(id).path("state").asText())) {
            Counter.builder("omnisync.orders.cancelled").description("Channel cancellations applied to Magento orders")
                    .tag("channel", cancelled.channel()).register(registry).increment();
            return;
        }
        throw new IntegrationException(ErrorClass.VALUE, cancelled.channel() + " cancelled order "
                + cancelled.channelOrderId() + ", but Magento order " + id + " is invoiced or shipped and cannot be "
                + "cancelled: refund it with a credit memo in Magento, then discard this dead letter");
    }

    /**
     * A channel gave money back: an offline credit memo in Magento for what Magento has not refunded yet. eBay
     * reports the order's refunded total ({@code refundId} "total"), so Magento is brought up to that total and a
     * refund omnisync itself issued from a Magento credit memo adds nothing; a POS refund is one amount, credited
     * once per refund id. Magento can only credit an invoiced order; otherwise the dead letter says so.
     */
    public void refund(RefundIssued refund) {
        java.util.Optional<String> magentoId = xref.find(MagentoOrderReferences.ORDER, refund.channel(),
                refund.channelOrderId(), MagentoOrderReferences.MAGENTO_ENTITY);
        if (magentoId.isEmpty()) {
            LOG.info("{} refund {} is for order {}, which omnisync did not place in Magento; nothing to credit",
                    refund.channel(), refund.refundId(), refund.channelOrderId());
            return;
        }
        int id = Integer.parseInt(magentoId.get());
        boolean cumulative = "total".equals(refund.refundId());
        if (!cumulative && !claims.claim("magento-credit-memo", refund.channel() + ":" + refund.refundId())) {
            return;
        }
        com.fasterxml.jackson.databind.JsonNode order = orders.get(id);
        java.math.BigDecimal refunded = order.path("total_refunded").decimalValue();
        java.math.BigDecimal refundable = order.path("grand_total").decimalValue().subtract(refunded);
        java.math.BigDecimal due = (cumulative ? refund.amount().subtract(refunded) : refund.amount()).min(refundable);
        if (due.signum() <= 0) {
            return;
        }
        if (order.path("total_invoiced").decimalValue().signum() <= 0) {
            throw new IntegrationException(ErrorClass.VALUE, refund.channel() + " refunded " + refund.currency() + " "
                    + due + " of order " + refund.channelOrderId() + ", but Magento order " + id + " is not invoiced, so "
                    + "Magento cannot credit it: invoice or cancel the order in Magento, then replay");
        }
        int creditMemo = orders.refundAmount(id, due);
        orders.comment(id, "Credit memo " + creditMemo + ": " + refund.channel() + " refunded " + refund.currency() + " "
                + due.toPlainString());
        Counter.builder("omnisync.orders.refunds.credited").description("Channel refunds credited in Magento")
                .tag("channel", refund.channel()).register(registry).increment();
    }

    /**
     * A POS sale was paid and handed over at the counter: invoice it and ship it from the location's own MSI source,
     * whatever of that is still open (so a retry after a crash finishes the job instead of repeating it).
     */
    private void handOver(int entityId, String sourceCode) {
        com.fasterxml.jackson.databind.JsonNode placed = orders.get(entityId);
        boolean toInvoice = false;
        boolean toShip = false;
        for (com.fasterxml.jackson.databind.JsonNode item : placed.path("items")) {
            java.math.BigDecimal ordered = item.path("qty_ordered").decimalValue();
            toInvoice |= item.path("qty_invoiced").decimalValue().compareTo(ordered) < 0;
            toShip |= item.path("qty_shipped").decimalValue().compareTo(ordered) < 0;
        }
        if (toInvoice) {
            orders.invoice(entityId, java.util.Map.of(), true);
        }
        if (toShip) {
            orders.ship(entityId, java.util.Map.of(), List.of(), sourceCode);
        }
    }

    /** A counter sale has no delivery address: the order takes the shop's, from its MSI source. */
    private PostalAddress shopAddress(ChannelProperties.Binding binding) {
        com.fasterxml.jackson.databind.JsonNode source = inventory.source(binding.getSource());
        return new PostalAddress("Counter sale", source.path("name").asText(binding.getSource()),
                List.of(source.path("street").asText("-")), source.path("city").asText("-"), source.path("region").asText(null),
                source.path("postcode").asText(""), source.path("country_id").asText(), source.path("phone").asText(null));
    }

    private static MagentoOrders.ExternalOrder externalOrder(OrderPlaced order, ChannelProperties.Binding binding,
                                                             PostalAddress a) {
        MagentoOrders.Address address = new MagentoOrders.Address(a.firstname() == null || a.firstname().isBlank()
                ? "-" : a.firstname(), a.lastname(), String.join(", ", a.street()), a.city(), a.region(),
                a.postcode() == null ? "" : a.postcode(), a.countryCode(), a.phone() == null || a.phone().isBlank()
                ? "0" : a.phone());
        List<MagentoOrders.Line> lines = order.lines().stream()
                .map((OrderLine l) -> new MagentoOrders.Line(l.sku(), l.quantity())).toList();
        return new MagentoOrders.ExternalOrder(order.channel(), order.channelOrderId(), binding.getStoreView(),
                order.customerEmail() == null ? "pos-" + binding.getAccount() + "@counter.invalid" : order.customerEmail(),
                address, null, lines, order.currency(), order.grandTotal());
    }
}
