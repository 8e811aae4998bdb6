package io.omnisync.connector.ebay;

/**
 * A per-item result of a bulk call that was not a plain success.
 *
 * @param sku        the SKU the item is about
 * @param offerId    the offer, when the result is about one
 * @param statusCode the item's status code (e.g. 404 for an unknown SKU; 200 for a warning)
 * @param message    eBay's errors or warnings of the item, readable
 */
public record EbayItemFailure(String sku, String offerId, int statusCode, String message) {

    @Override
    public String toString() {
        return sku + (offerId == null ? "" : " (offer " + offerId + ")") + ": " + statusCode + " " + message;
    }
}
