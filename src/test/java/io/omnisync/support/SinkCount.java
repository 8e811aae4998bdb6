package io.omnisync.support;

import io.omnisync.support.FakeSystems.MagentoOrder;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checker at the final sink: which channel orders reached Magento, and how often. Each sale's order id is its
 * sequence number; a Magento order carries it as {@code ext_order_id} ({@code <channel>:<order id>}).
 *
 * @param expected     channel orders that must be in Magento (every acknowledged one)
 * @param lost         expected orders with no Magento order
 * @param duplicates   Magento orders beyond the first for one channel order
 * @param orphans      Magento orders without ext_order_id (placed by an attempt that never marked them: a
 *                     duplicate in waiting) or with one that was never sent
 * @param documentsTwice Magento orders with more than one invoice or more than one shipment
 */
public record SinkCount(int expected, int lost, int duplicates, int orphans, int documentsTwice) {

    public static SinkCount of(String channel, Collection<String> expectedOrderIds, List<MagentoOrder> orders) {
        Set<String> expected = Set.copyOf(expectedOrderIds);
        Map<String, Integer> perOrder = new HashMap<>();
        int orphans = 0;
        int documentsTwice = 0;
        for (MagentoOrder order : orders) {
            String prefix = channel + ":";
            if (order.extOrderId() == null || !order.extOrderId().startsWith(prefix)
                    || !expected.contains(order.extOrderId().substring(prefix.length()))) {
                orphans++;
            } else {
                perOrder.merge(order.extOrderId().substring(prefix.length()), 1, Integer::sum);
            }
            if (order.invoices() > 1 || order.shipments() > 1) {
                documentsTwice++;
            }
        }
        int lost = (int) expected.stream().filter(id -> !perOrder.containsKey(id)).count();
        int duplicates = perOrder.values().stream().mapToInt(n -> n - 1).sum();
        return new SinkCount(expected.size(), lost, duplicates, orphans, documentsTwice);
    }

    @Override
    public String toString() {
        return "expected " + expected + ", lost " + lost + ", duplicate effects " + duplicates + ", orphan orders " + orphans
                + ", orders invoiced or shipped twice " + documentsTwice;
    }
}
