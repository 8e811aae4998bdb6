#!/usr/bin/env bash
# Adobe Commerce webhook benchmark: the sandbox jar (demo traffic off) on a fresh H2 file takes signed, distinct
# product-save webhooks (observer.catalog_product_save_after) from wrk, as Commerce sends them while the admin user
# or shopper waits; every 200 {"op":"success"} means verified (RSA-SHA256), mapped by JSONata and journalled (two
# events) and queued in one committed transaction. Target: p95 < 200 ms. Needs wrk, openssl, python3-cryptography.
# Usage: [OMNISYNC_ARGS="..."] bench/adobe-webhooks/run.sh [duration=30s] [connections=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-30s}
connections=${2:-2}
port=18182
work=$(mktemp -d)
[ -f target/omnisync.jar ] || mvn -B -q -ntp package -DskipTests
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/commerce-private.pem" 2>/dev/null
openssl pkey -in "$work/commerce-private.pem" -pubout -out "$work/commerce-public.pem"
python3 bench/adobe-webhooks/gen.py 60000 "$work/commerce-private.pem" "$work/requests.txt"
java -Xmx1g -jar target/omnisync.jar --spring.profiles.active=sandbox --server.port=$port \
  --omnisync.sandbox.demo.enabled=false --omnisync.connector.magento.adobe-commerce-public-keys="$work/commerce-public.pem" \
  --spring.datasource.url="jdbc:h2:file:$work/state;WRITE_DELAY=0;QUERY_CACHE_SIZE=128;DB_CLOSE_ON_EXIT=FALSE" \
  --logging.level.root=WARN ${OMNISYNC_ARGS:-} > "$work/omnisync.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf localhost:$port/actuator/health/readiness >/dev/null; do sleep 0.5; done
metric() { curl -s localhost:$port/actuator/prometheus | awk -v m="$1" 'index($0, m"{")==1 || index($0, m" ")==1 {s+=$NF} END {print s+0}'; }
# warm-up, not measured
OFFSET=20000 REQUESTS="$work/requests.txt" wrk -t2 -c2 -d10s -s bench/adobe-webhooks/post.lua http://127.0.0.1:$port >/dev/null
echo "== wrk -t2 -c$connections -d$duration (after a 10 s warm-up)"
REQUESTS="$work/requests.txt" wrk -t2 -c"$connections" -d"$duration" --latency -s bench/adobe-webhooks/post.lua http://127.0.0.1:$port
echo "== received $(metric omnisync_events_received_total), duplicates $(metric omnisync_events_duplicate_total), rejected $(metric omnisync_webhooks_rejected_total)"
