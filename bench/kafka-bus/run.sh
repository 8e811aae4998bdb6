#!/usr/bin/env bash
# The kafka bus benchmark: 1 or 2 omnisync instances (the sandbox jar, demo traffic off) on the kafka bus, with a real
# KRaft broker and a real PostgreSQL (both started by Infra.java from the project's test classpath).
#  1. end to end: wrk posts signed, distinct Magento stock webhooks (split over the instances) for <duration>; then the
#     run waits until every journalled event is processed. events/s = events processed / (wrk time + drain time).
#  2. the bus path: Append.java commits 100,000 stock events to the journal and outbox at once, and times the relay
#     and the stock flow through them.
# The stock events name MSI source "bench_unlinked", which feeds no Magento stock, so the flow's effect is the ledger
# write and no salable read-back from the Magento fake (whose contract validation costs ~40 ms a request); with
# SOURCE=us_warehouse the read-back happens and the fake bounds the rate.
# BUS_ONLY=1 skips the end-to-end part; OMNISYNC_ARGS passes settings to the instances.
# Needs wrk (apt-get install wrk). Usage: bench/kafka-bus/run.sh [instances=1] [duration=30s] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
instances=${1:-1}
duration=${2:-30s}
connections=${3:-32}
source_code=${SOURCE:-bench_unlinked}
secret=bench-secret-0123456789abcdef
work=$(mktemp -d)
logs=target/bench-logs; mkdir -p "$logs"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; cp "$work"/*.log "$logs"/ 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
[ -f target/omnisync.jar ] && [ -d target/test-classes/io/omnisync/support ] || mvn -B -q -ntp package -DskipTests
mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="target/test-classes:$(cat "$work/cp.txt")"
python3 bench/webhook-ingress/gen.py 300000 "$secret" "$work/requests.txt" stock
sed -i "s/\"source_code\":\"[a-z_]*\"/\"source_code\":\"$source_code\"/" "$work/requests.txt"
python3 - "$work/requests.txt" "$secret" <<'PY'
import hashlib, hmac, sys
path, secret = sys.argv[1], sys.argv[2].encode()
lines = []
for line in open(path):
    event, _, body = line.rstrip("\n").split(" ", 2)
    lines.append(event + " " + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest() + " " + body + "\n")
open(path, "w").writelines(lines)
PY
java -Xmx1g -cp "$cp" bench/kafka-bus/Infra.java "$work/infra" > "$work/infra.log" 2>&1 &
pids+=($!)
until [ -f "$work/infra" ]; do sleep 0.5; done
bootstrap=$(sed -n 's/^bootstrap=//p' "$work/infra")
jdbc=$(sed -n 's/^jdbc=//p' "$work/infra")
ports=()
for i in $(seq 1 "$instances"); do
  port=$((18280 + i))
  ports+=($port)
  java -Xmx1g -jar target/omnisync.jar --spring.profiles.active=sandbox --server.port=$port --omnisync.instance-id=bench-$i \
    --omnisync.sandbox.demo.enabled=false --omnisync.sandbox.magento.webhook-secret=$secret \
    --spring.datasource.url="$jdbc" --spring.datasource.username=postgres \
    --omnisync.bus.kind=kafka --omnisync.bus.kafka.bootstrap-servers="$bootstrap" --omnisync.bus.kafka.replication-factor=1 \
    --logging.level.root=WARN ${OMNISYNC_ARGS:-} > "$work/omnisync-$i.log" 2>&1 &
  pids+=($!)
done
for port in "${ports[@]}"; do until curl -sf localhost:$port/actuator/health/readiness >/dev/null; do sleep 0.5; done; done
metric() { local sum=0; for port in "${ports[@]}"; do
  sum=$(echo "$sum + $(curl -s localhost:$port/actuator/prometheus | awk -v m="$1" 'index($0, m"{")==1 || index($0, m" ")==1 {s+=$NF} END {print s+0}')" | bc); done; echo "$sum"; }
pending() { curl -s localhost:${ports[0]}/actuator/prometheus | awk 'index($0, "omnisync_journal_depth{")==1 {print $NF+0}'; }
if [ -z "${BUS_ONLY:-}" ]; then
# warm-up, not measured
OFFSET=140000 REQUESTS="$work/requests.txt" wrk -t2 -c8 -d10s -s bench/webhook-ingress/post.lua http://127.0.0.1:${ports[0]} >/dev/null
until [ "$(pending)" = "0" ]; do sleep 0.5; done
before=$(metric omnisync_events_processed_total)
echo "== $instances instance(s) on the kafka bus: wrk -t2 -c$connections -d$duration split over the instances (after a 10 s warm-up)"
start=$(date +%s.%N)
per=$((connections / instances))
n=0
for port in "${ports[@]}"; do
  OFFSET=$((n * 35000)) REQUESTS="$work/requests.txt" wrk -t2 -c"$per" -d"$duration" --latency -s bench/webhook-ingress/post.lua \
    http://127.0.0.1:$port > "$work/wrk-$port.txt" &
  n=$((n + 1))
done
wait $(jobs -p | tail -n "$instances")
wrk_end=$(date +%s.%N)
for port in "${ports[@]}"; do echo "-- instance on $port"; grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx" "$work/wrk-$port.txt"; done
sleep 2
until [ "$(pending)" = "0" ]; do sleep 0.5; done
end=$(date +%s.%N)
processed=$(echo "$(metric omnisync_events_processed_total) - $before" | bc)
echo "== end to end: $processed events processed in $(echo "$end - $start" | bc) s (drained $(echo "$end - $wrk_end" | bc) s after wrk stopped): $(echo "$processed / ($end - $start)" | bc) events/s"
echo "== received $(metric omnisync_events_received_total), duplicates $(metric omnisync_events_duplicate_total), rejected $(metric omnisync_webhooks_rejected_total), skipped $(metric omnisync_events_skipped_total)"
fi
java -cp "$cp" bench/kafka-bus/Append.java "$jdbc" "${BULK:-100000}" "$source_code"
for port in "${ports[@]}"; do echo "-- instance on $port processed $(curl -s localhost:$port/actuator/prometheus | awk 'index($0, "omnisync_events_processed_total{")==1 {s+=$NF} END {print s+0}')"; done
