#!/usr/bin/env python3
"""Writes N signed Magento async-events webhooks, one per line: <event> <hex signature> <body>. Bodies are distinct.
kind stock: inventory.source_items.updated (the flow reads the salable quantity back from the Magento fake);
kind price: catalog.product.updated (the flow only writes the ledger: omnisync's own cost)."""
import hashlib, hmac, sys

n, secret, out = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
kind = sys.argv[4] if len(sys.argv) > 4 else "stock"
with open(out, "w") as f:
    for i in range(n):
        sku = "OS-%04d" % (1 + i % 50)
        if kind == "stock":
            event = "inventory.source_items.updated"
            body = ('{"data":{"sku":"%s","source_code":"%s","quantity":%d,"status":1,'
                    '"updated_at":"2026-11-22 12:00:00","version":%d}}') % (
                sku, "us_warehouse" if i % 2 else "eu_warehouse", i % 97, 1_000_000 + i)
        else:
            event = "catalog.product.updated"
            seconds = 1_000_000 + i
            stamp = "2026-%02d-%02d %02d:%02d:%02d" % (1 + seconds // 2_592_000 % 12, 1 + seconds // 86_400 % 28,
                                                       seconds // 3_600 % 24, seconds // 60 % 60, seconds % 60)
            body = ('{"data":{"id":%d,"sku":"%s","name":"Bench product %d","price":%d.%02d,"status":1,'
                    '"updated_at":"%s","custom_attributes":[],"store_id":1,"store_code":"default"}}') % (
                1 + i % 50, sku, i, 10 + i % 90, i % 100, stamp)
        f.write(event + " " + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest() + " " + body + "\n")
