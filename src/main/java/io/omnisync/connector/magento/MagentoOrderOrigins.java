package io.omnisync.connector.magento;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnisync.platform.channel.ChannelBindings;
import io.omnisync.platform.channel.ChannelOrderFeedback;
import io.omnisync.platform.channel.ChannelProperties;
import io.omnisync.platform.channel.OrderOrigins;
import io.omnisync.platform.xref.CrossReferences;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channel order behind a Magento order: the cross-reference the import wrote or, when that is not committed
 * yet (a shipment made while the import's transaction is still open) or lost, the order's own ext_order_id
 * ({@code <channel>:<order id>}), which Magento keeps durably. The account comes from its cross-reference or,
 * failing that, from the one binding of that channel to the order's store view.
 */
public class MagentoOrderOrigins implements OrderOrigins {

    private final CrossReferences xref;
    private final MagentoOrders orders;
    private final MagentoStores stores;
    private final ChannelBindings bindings;

    public MagentoOrderOrigins(CrossReferences xref, MagentoOrders orders, MagentoStores stores, ChannelBindings bindings) {
        this.xref = xref;
        this.orders = orders;
        this.stores = stores;
        this.bindings = bindings;
    }

    @Override
    public Optional<OrderOrigin> find(String magentoOrderId) {
        Optional<Map.Entry<String, String>> linked = xref.findAnySource(MagentoOrderReferences.ORDER,
                MagentoOrderReferences.MAGENTO_ENTITY, magentoOrderId);
        JsonNode order = orders.get(Integer.parseInt(magentoOrderId));
        String channel;
        String orderId;
        if (linked.isPresent()) {
            channel = linked.get().getKey();
            orderId = linked.get().getValue();
        } else {
            String ext = order.path("ext_order_id").asText("");
            int colon = ext.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            channel = ext.substring(0, colon);
            orderId = ext.substring(colon + 1);
        }
        String account = xref.find(ChannelOrderFeedback.ORDER_ACCOUNT, channel, orderId, "channel-account").orElse(null);
        if (account == null) {
            account = accountOfStoreView(channel, order);
        }
        return Optional.of(new OrderOrigin(channel, orderId, account, order.path("total_refunded").decimalValue()));
    }

    private String accountOfStoreView(String channel, JsonNode order) {
        int storeId = order.path("store_id").asInt();
        var views = stores.byCode();
        for (Iterator<String> codes = views.fieldNames(); codes.hasNext(); ) {
            String code = codes.next();
            if (views.get(code).path("id").asInt() == storeId) {
                List<ChannelProperties.Binding> bound = bindings.of(channel).stream()
                        .filter(b -> b.getStoreView().equals(code)).toList();
                return bound.size() == 1 ? bound.get(0).getAccount() : null;
            }
        }
        return null;
    }
}
