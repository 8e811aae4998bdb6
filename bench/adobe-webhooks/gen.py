#!/usr/bin/env python3
"""Writes N Adobe Commerce product-save webhooks (observer.catalog_product_save_after), one per line:
<hook> <base64 signature> <body>. The signature is RSA-SHA256 over base64(body) with the given private key (PEM),
as Commerce signs x-adobe-commerce-webhook-signature. Bodies are distinct (updated_at differs), so each one is two
new journal entries (ProductChanged, PriceChanged). Needs python3-cryptography.
Usage: gen.py N private-key.pem out.txt"""
import base64, sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

n, key_file, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(key_file, "rb") as f:
    key = serialization.load_pem_private_key(f.read(), password=None)
hook = "observer.catalog_product_save_after"
with open(out, "w") as f:
    for i in range(n):
        sku = "OS-%04d" % (1 + i % 50)
        seconds = 2_000_000 + i
        stamp = "2026-%02d-%02d %02d:%02d:%02d" % (1 + seconds // 2_592_000 % 12, 1 + seconds // 86_400 % 28,
                                                   seconds // 3_600 % 24, seconds // 60 % 60, seconds % 60)
        body = ('{"eventName":"catalog_product_save_after","data":{"product":{"store_id":"%d","entity_id":"%d",'
                '"attribute_set_id":"4","type_id":"simple","sku":"%s","name":"Bench product %d","price":"%d.%02d0000",'
                '"status":"1","updated_at":"%s","extension_attributes":{},"quantity_and_stock_status":{},'
                '"stock_data":{}},"data_object":{}}}') % (1 + i % 3, 1 + i % 50, sku, i, 10 + i % 90, i % 100, stamp)
        signature = key.sign(base64.b64encode(body.encode()), padding.PKCS1v15(), hashes.SHA256())
        f.write(hook + " " + base64.b64encode(signature).decode() + " " + body + "\n")
