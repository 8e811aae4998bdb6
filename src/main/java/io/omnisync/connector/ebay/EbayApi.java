package io.omnisync.connector.ebay;

/** The eBay REST APIs this connector calls; each has its own base path and its own rate-limit bucket. */
public enum EbayApi {
    /** Sell Inventory API v1: inventory items, offers, bulk price and quantity. */
    INVENTORY("/sell/inventory/v1"),
    /** Sell Fulfillment API v1: orders, shipping fulfillments, refunds. */
    FULFILLMENT("/sell/fulfillment/v1");

    private final String basePath;

    EbayApi(String basePath) {
        this.basePath = basePath;
    }

    /** The path prefix after the API host, e.g. {@code /sell/inventory/v1}. */
    public String basePath() {
        return basePath;
    }
}
