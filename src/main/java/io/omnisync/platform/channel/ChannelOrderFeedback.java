package io.omnisync.platform.channel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.event.OrderShipped;
import io.omnisync.platform.event.RefundIssued;
import io.omnisync.platform.idempotency.IdempotencyKeys;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Magento's shipments and credit memos of orders taken on a channel, back to that channel. The Magento order's
 * channel comes from {@link OrderOrigins} (the import's cross-reference, or Magento's ext_order_id); each shipment and refund is sent once (an idempotency
 * key per channel and Magento document, in the delivery's transaction) and not at all when the channel already
 * shows the lines shipped. Magento's own orders and POS counter sales (handed over already) are left alone.
 */
@Component
public class ChannelOrderFeedback {

    /** Cross-reference of a channel order to the channel account (marketplace) it was placed on. */
    public static final String ORDER_ACCOUNT = "order-account";
    private static final Logger LOG = LoggerFactory.getLogger(ChannelOrderFeedback.class);
    private static final Map<String, String> AMAZON_CARRIERS = Map.of("ups", "UPS", "usps", "USPS", "fedex", "FedEx",
            "dhl", "DHL", "dpd", "DPD", "gls", "GLS", "hermes", "Hermes");

    private final Map<String, ChannelOrderActions> channels;
    private final ObjectProvider<OrderOrigins> origins;
    private final IdempotencyKeys keys;
    private final ChannelProperties properties;
    private final MeterRegistry registry;

    public ChannelOrderFeedback(ObjectProvider<ChannelOrderActions> channels, ObjectProvider<OrderOrigins> origins,
                                IdempotencyKeys keys, ChannelProperties properties, MeterRegistry registry) {
        this.channels = channels.orderedStream().collect(Collectors.toMap(ChannelOrderActions::channel, Function.identity()));
        this.origins = origins;
        this.keys = keys;
        this.properties = properties;
        this.registry = registry;
    }

    /** A Magento shipment: confirmed on the channel the order came from. */
    public void shipped(OrderShipped shipment) {
        Optional<Origin> origin = origin(shipment.magentoOrderId());
        if (origin.isEmpty()) {
            return;
        }
        Origin o = origin.get();
        if (shipment.trackingNumber() == null || shipment.trackingNumber().isBlank()) {
            throw new IntegrationException(ErrorClass.VALUE, "Magento shipment " + shipment.shipmentId() + " of "
                    + o.channel() + " order " + o.orderId() + " has no tracking number, which " + o.channel()
                    + " needs: add a track to the shipment in Magento, then replay");
        }
        if (!keys.claim("channel-shipment", o.channel() + ":" + shipment.shipmentId())) {
            return;
        }
        String carrier = carrier(o.channel(), shipment.carrier());
        boolean sent = o.actions().confirmShipment(o.orderId(), o.account(), shipment, carrier);
        count("omnisync.orders.shipments.confirmed", o.channel(), sent ? "sent" : "already-shipped");
        LOG.info("Magento shipment {} of {} order {}: {}", shipment.shipmentId(), o.channel(), o.orderId(),
                sent ? "confirmed on the channel" : "the channel already shows it shipped");
    }

    /** A Magento credit memo: refunded on the channel the order came from, where its API allows it. */
    public void refunded(RefundIssued refund) {
        Optional<Origin> origin = origin(refund.channelOrderId());
        if (origin.isEmpty()) {
            return;
        }
        Origin o = origin.get();
        if (!keys.claim("channel-refund", o.channel() + ":" + refund.refundId())) {
            return;
        }
        boolean sent = o.actions().refund(o.orderId(), o.account(), refund, o.refunded());
        count("omnisync.orders.refunds", o.channel(), sent ? "sent" : "unsupported");
        if (!sent) {
            LOG.warn("Magento credit memo {} of {} order {} ({} {}) cannot be refunded through {}'s API: refund it there "
                    + "by hand", refund.refundId(), o.channel(), o.orderId(), refund.currency(), refund.amount(), o.channel());
        }
    }

    private record Origin(String channel, String orderId, String account, java.math.BigDecimal refunded,
                          ChannelOrderActions actions) {
    }

    /** The channel order behind a Magento order, when a channel that omnisync reports back to placed it. */
    private Optional<Origin> origin(String magentoOrderId) {
        OrderOrigins known = origins.getIfAvailable();
        if (known == null) {
            return Optional.empty();
        }
        return known.find(magentoOrderId).filter(o -> channels.containsKey(o.channel()))
                .map(o -> new Origin(o.channel(), o.channelOrderId(), o.account(), o.refundedInMagento(),
                        channels.get(o.channel())));
    }

    /** The channel's carrier code for a Magento carrier code: configured, else a built-in default. */
    String carrier(String channel, String magentoCarrier) {
        String code = magentoCarrier == null ? "custom" : magentoCarrier.toLowerCase(Locale.ROOT);
        String configured = properties.getCarriers().getOrDefault(channel, Map.of()).get(code);
        if (configured != null) {
            return configured;
        }
        if ("amazon".equals(channel)) {
            return AMAZON_CARRIERS.getOrDefault(code, "Other");
        }
        return code.toUpperCase(Locale.ROOT);
    }

    private void count(String name, String channel, String outcome) {
        Counter.builder(name).tag("channel", channel).tag("outcome", outcome).register(registry).increment();
    }

    List<String> channels() {
        return List.copyOf(channels.keySet());
    }
}
