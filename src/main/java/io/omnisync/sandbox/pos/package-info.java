/**
 * A stateful fake of a Square-compatible POS (Square API v2 subset: locations, catalog, inventory, orders, signed
 * webhooks) ({@link io.omnisync.sandbox.pos.PosFake}), written from Square's published OpenAPI contract (a copy
 * under {@code contracts/square/}) and never from the connector. Errors come in Square's {@code errors[]} envelope.
 */
package io.omnisync.sandbox.pos;
