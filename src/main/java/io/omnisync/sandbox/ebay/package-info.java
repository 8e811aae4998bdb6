/**
 * A stateful fake of eBay's Sell Inventory and Fulfillment APIs and its OAuth token endpoint
 * ({@link io.omnisync.sandbox.ebay.EbayFake}), written from eBay's published OpenAPI 3 contracts (copies under
 * {@code contracts/ebay/}) and never from the connector. Errors come in eBay's {@code errors[]} envelope. The
 * error ids the contracts do not list are the fake's own choice and are marked so where they are made.
 */
package io.omnisync.sandbox.ebay;
