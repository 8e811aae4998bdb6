package io.omnisync.platform.channel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Writes quantities and prices to a channel's listings in its bulk calls; implemented by channel connectors. */
public interface ChannelListings {

    /** The channel: amazon, ebay, pos. */
    String channel();

    /**
     * Pushes the changes of one account (marketplace, POS location) in as few calls as the channel allows. A channel
     * that processes a bulk push later (an Amazon listings feed takes minutes) answers at once with those SKUs
     * {@linkplain Pushed#submitted() submitted}, and holds back a SKU whose earlier submission is still being processed
     * (sending it again could be applied before that one, and that one's older value would win).
     *
     * @throws io.omnisync.platform.error.IntegrationException when the channel could not be reached or refused the call
     */
    Pushed push(String account, List<ListingChange> changes);

    /**
     * Reads what the channel lists for these SKUs of one account, for reconciliation, in as few calls as the channel
     * allows. A SKU the channel has no listing (offer, variation) for is left out of the answer.
     *
     * @throws io.omnisync.platform.error.IntegrationException when the channel could not be reached or refused the call
     */
    Map<String, Listed> listed(String account, List<String> skus);

    /**
     * What a push did with each change: taken (neither of the maps names it), refused now with the channel's reason,
     * submitted (its outcome completes later: empty when taken, else the reason it was refused), or held back until an
     * earlier submission of the SKU is processed (the future completes then; push it again after that).
     */
    record Pushed(Map<String, String> refused, Map<String, CompletableFuture<Optional<String>>> submitted,
                  Map<String, CompletableFuture<?>> held) {

        /** A push the channel answered in full: taken but for these refusals. */
        public static Pushed answered(Map<String, String> refused) {
            return new Pushed(refused, Map.of(), Map.of());
        }
    }

    /** What a channel lists for a SKU: its quantity and offer price (either null when the channel shows none). */
    record Listed(BigDecimal quantity, BigDecimal price) {
    }
}
