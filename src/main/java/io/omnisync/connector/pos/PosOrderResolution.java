package io.omnisync.connector.pos;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.bus.BusSignal;
import io.omnisync.platform.error.ErrorClass;
import io.omnisync.platform.error.IntegrationException;
import io.omnisync.platform.event.CanonicalEvent;
import io.omnisync.platform.event.OrderLine;
import io.omnisync.platform.event.OrderNotified;
import io.omnisync.platform.event.OrderPlaced;
import io.omnisync.platform.event.RefundIssued;
import io.omnisync.platform.journal.AppendResult;
import io.omnisync.platform.journal.Journal;
import io.omnisync.platform.journal.SourcedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second step of a POS order: the webhook only named it ({@link OrderNotified}); this reads the order with
 * batch-retrieve and journals what it is. A COMPLETED sale becomes an {@link OrderPlaced} (channel {@code pos},
 * account = location, lines with the SKU of each line's catalog variation, no address: a counter sale) under
 * source event id {@code pos-order:<id>}, so every notification of the same order dedupes to one. Each return in a
 * COMPLETED order becomes a {@link RefundIssued} of the original sale ({@code pos-return:<order id>:<return uid>}).
 * Orders that are OPEN, DRAFT or CANCELED yield nothing: a later notification brings the COMPLETED state.
 */
public class PosOrderResolution {

    private static final Logger LOG = LoggerFactory.getLogger(PosOrderResolution.class);

    private final PosOrders orders;
    private final PosCatalog catalog;
    private final Journal journal;
    private final BusSignal signal;

    public PosOrderResolution(PosOrders orders, PosCatalog catalog, Journal journal, BusSignal signal) {
        this.orders = orders;
        this.catalog = catalog;
        this.journal = journal;
        this.signal = signal;
    }

    /** Reads the notified order and journals its events; answers them (empty when there is nothing to sync yet). */
    public List<CanonicalEvent> resolve(OrderNotified notified) {
        if (!"pos".equals(notified.channel())) {
            throw new IllegalArgumentException(notified.channel() + " order " + notified.channelOrderId() + " is not a POS order");
        }
        JsonNode order = orders.retrieve(notified.account(), List.of(notified.channelOrderId())).stream().findFirst()
                .orElseThrow(() -> new IntegrationException(ErrorClass.INTERMITTENT, "POS order " + notified.channelOrderId()
                        + " at location " + notified.account() + " was notified but cannot be read (yet)"));
        long version = order.path("version").asLong();
        if (version < notified.version()) {
            throw new IntegrationException(ErrorClass.INTERMITTENT, "POS order " + notified.channelOrderId() + " read at version "
                    + version + ", older than the notified " + notified.version() + "; reading again later");
        }
        if (!"COMPLETED".equals(order.path("state").asText())) {
            LOG.info("POS order {} at {} is {}: nothing to sync yet", notified.channelOrderId(), notified.account(),
                    order.path("state").asText());
            return List.of();
        }
        List<SourcedEvent> events = new ArrayList<>();
        if (order.path("line_items").size() > 0) {
            events.add(new SourcedEvent("pos-order:" + order.path("id").asText(), placed(order)));
        }
        events.addAll(returns(order));
        if (events.isEmpty()) {
            return List.of();
        }
        AppendResult result = journal.append("pos", events);
        signal.wakeUp();
        LOG.info("POS order {} at {} resolved: {} event(s) journalled, {} already known", notified.channelOrderId(),
                notified.account(), result.journalIds().size(), result.duplicates());
        return events.stream().map(SourcedEvent::event).toList();
    }

    private OrderPlaced placed(JsonNode order) {
        String id = order.path("id").asText();
        Set<String> variationIds = new LinkedHashSet<>();
        for (JsonNode line : order.path("line_items")) {
            String variation = line.path("catalog_object_id").asText("");
            if (variation.isEmpty()) {
                throw new IntegrationException(ErrorClass.VALUE, "POS order " + id + " has a line without a catalog item ('"
                        + line.path("name").asText("custom amount") + "'): a custom amount has no SKU Magento could sell");
            }
            variationIds.add(variation);
        }
        Map<String, String> skus = catalog.skusByVariationId(variationIds);
        List<OrderLine> lines = new ArrayList<>();
        for (JsonNode line : order.path("line_items")) {
            String variation = line.path("catalog_object_id").asText();
            String sku = skus.get(variation);
            if (sku == null) {
                throw new IntegrationException(ErrorClass.MISSING, "POS order " + id + ": catalog variation " + variation
                        + " has no SKU in the POS catalogue; give it the Magento SKU, then replay");
            }
            lines.add(new OrderLine(sku, new BigDecimal(line.path("quantity").asText("0")),
                    PosMoney.toDecimal(line.path("base_price_money")), PosMoney.toDecimal(line.path("total_money"))));
        }
        JsonNode total = order.path("total_money");
        return new OrderPlaced("pos", id, null, null, total.path("currency").asText(null), PosMoney.toDecimal(total),
                null, lines, instant(order), order.path("location_id").asText(), null,
                PosMoney.toDecimal(order.path("total_service_charge_money")), PosMoney.toDecimal(order.path("total_tax_money")));
    }

    private List<SourcedEvent> returns(JsonNode order) {
        List<SourcedEvent> refunds = new ArrayList<>();
        String id = order.path("id").asText();
        int n = 0;
        for (JsonNode ret : order.path("returns")) {
            n++;
            String original = ret.path("source_order_id").asText("");
            if (original.isEmpty()) {
                LOG.warn("POS order {} holds an unlinked return (no source_order_id): no refund to report", id);
                continue;
            }
            JsonNode money = ret.path("return_amounts").path("total_money");
            if (money.isMissingNode()) {
                money = order.path("return_amounts").path("total_money");
            }
            String refundId = id + ":" + ret.path("uid").asText(String.valueOf(n));
            refunds.add(new SourcedEvent("pos-return:" + refundId, new RefundIssued("pos", original, refundId,
                    money.path("currency").asText(order.path("total_money").path("currency").asText()),
                    PosMoney.toDecimal(money), instant(order))));
        }
        return refunds;
    }

    private static Instant instant(JsonNode order) {
        for (String field : List.of("closed_at", "updated_at", "created_at")) {
            if (order.hasNonNull(field)) {
                return Instant.parse(order.path(field).asText());
            }
        }
        throw new IntegrationException(ErrorClass.VALUE, "POS order " + order.path("id").asText() + " has no timestamp");
    }
}
