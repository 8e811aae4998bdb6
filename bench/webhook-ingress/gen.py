#!/usr/bin/env python3
"""Writes N signed Magento source-item webhooks, one per line: <hex signature> <body>. Every body is distinct."""
import hashlib, hmac, sys

n, secret, out = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
with open(out, "w") as f:
    for i in range(n):
        body = ('{"data":{"sku":"OS-%04d","source_code":"%s","quantity":%d,"status":1,'
                '"updated_at":"2026-11-22 12:00:00","version":%d}}') % (
            1 + i % 50, "us_warehouse" if i % 2 else "eu_warehouse", i % 97, 1_000_000 + i)
        f.write(hmac.new(secret, body.encode(), hashlib.sha256).hexdigest() + " " + body + "\n")
