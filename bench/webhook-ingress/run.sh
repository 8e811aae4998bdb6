#!/usr/bin/env bash
# Webhook ingress benchmark: the sandbox jar (demo traffic off) on a fresh H2 file takes signed, distinct
# Magento stock webhooks from wrk; every 200 means the event was journalled and queued. Prints wrk's latency
# distribution, then how long the bus took to drain what was accepted. Needs wrk (apt-get install wrk).
# Usage: [OMNISYNC_ARGS="--omnisync.bus.batch-size=10 ..."] bench/webhook-ingress/run.sh [duration=30s] [connections=32] [kind=stock|price]
#   stock: the flow reads each SKU's salable quantity back from the Magento fake (which checks every request
#          against the contract), price: the flow only writes the ledger, so the drain shows omnisync's own cost.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-30s}
connections=${2:-32}
kind=${3:-stock}
port=18181
secret=bench-secret-0123456789abcdef
work=$(mktemp -d)
[ -f target/omnisync.jar ] || mvn -B -q -ntp package -DskipTests
python3 bench/webhook-ingress/gen.py 400000 "$secret" "$work/requests.txt" "$kind"
java -Xmx1g -jar target/omnisync.jar --spring.profiles.active=sandbox --server.port=$port \
  --omnisync.sandbox.demo.enabled=false --omnisync.sandbox.magento.webhook-secret=$secret \
  --spring.datasource.url="jdbc:h2:file:$work/state;WRITE_DELAY=0;QUERY_CACHE_SIZE=128;DB_CLOSE_ON_EXIT=FALSE" \
  --logging.level.root=WARN ${OMNISYNC_ARGS:-} > "$work/omnisync.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf localhost:$port/actuator/health/readiness >/dev/null; do sleep 0.5; done
metric() { curl -s localhost:$port/actuator/prometheus | awk -v m="$1" 'index($0, m"{")==1 || index($0, m" ")==1 {s+=$NF} END {print s+0}'; }
# warm-up, not measured
OFFSET=100000 REQUESTS="$work/requests.txt" wrk -t2 -c8 -d10s -s bench/webhook-ingress/post.lua http://127.0.0.1:$port >/dev/null
echo "== wrk -t2 -c$connections -d$duration (after a 10 s warm-up)"
REQUESTS="$work/requests.txt" wrk -t2 -c"$connections" -d"$duration" --latency -s bench/webhook-ingress/post.lua http://127.0.0.1:$port
start=$(date +%s.%N)
until [ "$(metric omnisync_bus_depth)" = "0" ]; do sleep 0.5; done
end=$(date +%s.%N)
echo "== bus drained: $(metric omnisync_events_processed_total) events processed in all; the last $(echo "$end - $start" | bc) s after wrk stopped"
echo "== route time: $(metric omnisync_event_processing_seconds_sum) s for $(metric omnisync_event_processing_seconds_count) deliveries"
echo "== received $(metric omnisync_events_received_total), duplicates $(metric omnisync_events_duplicate_total), rejected $(metric omnisync_webhooks_rejected_total)"
