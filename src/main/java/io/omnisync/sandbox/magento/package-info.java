/**
 * A stateful fake of Magento 2.4.8 Open Source with MSI ({@link io.omnisync.sandbox.magento.MagentoFake}).
 *
 * <p>Webhooks follow the {@code aligent/magento-async-events} (Mage-OS async events) HTTP notifier: POST
 * {@code {"data": <payload>}} signed with {@code x-magento-signature} (hex HMAC-SHA256 of the raw body keyed by
 * the subscription's verification token), PHP {@code json_encode} escaping, 15 s timeout, 5 retries with backoff
 * min(60, n²) s. Events:
 * <ul>
 *   <li>{@code catalog.product.updated}: the product as {@code GET /rest/<store>/V1/products/<sku>} returns it
 *       for the affected store view, plus {@code store_id} and {@code store_code} naming that scope;</li>
 *   <li>{@code sales.order.created}, {@code sales.order.updated}: the order as {@code GET /V1/orders/<id>};</li>
 *   <li>{@code inventory.source_items.updated}: {@code {sku, source_code, quantity, status, updated_at,
 *       version}}, version counting changes per (sku, source). Neither Magento Open Source nor the async-events
 *       modules ship a stock event: a merchant installs a small observer module (on source item save) that
 *       publishes this custom event.</li>
 * </ul>
 */
package io.omnisync.sandbox.magento;
