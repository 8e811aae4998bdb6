package io.omnisync.platform.channel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Writes quantities and prices to a channel's listings in its bulk calls; implemented by channel connectors. */
public interface ChannelListings {

    /** The channel: amazon, ebay, pos. */
    String channel();

    /**
     * Pushes the changes of one account (marketplace, POS location) in as few calls as the channel allows.
     *
     * @return the SKUs the channel refused, with its reason (empty when all were taken)
     * @throws io.omnisync.platform.error.IntegrationException when the channel could not be reached or refused the call
     */
    Map<String, String> push(String account, List<ListingChange> changes);

    /**
     * Reads what the channel lists for these SKUs of one account, for reconciliation, in as few calls as the channel
     * allows. A SKU the channel has no listing (offer, variation) for is left out of the answer.
     *
     * @throws io.omnisync.platform.error.IntegrationException when the channel could not be reached or refused the call
     */
    Map<String, Listed> listed(String account, List<String> skus);

    /** What a channel lists for a SKU: its quantity and offer price (either null when the channel shows none). */
    record Listed(BigDecimal quantity, BigDecimal price) {
    }
}
