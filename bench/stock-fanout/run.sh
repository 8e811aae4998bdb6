#!/usr/bin/env bash
# Stock fan-out benchmark: omnisync (jdbc bus, H2 with WRITE_DELAY=0) and Node-RED 4.1.8 (webhook in, one HTTP call per
# channel per event) against the same sink JVM (Sink.java: Magento, which stores each change and sends the signed
# inventory.source_items.updated webhook, and the Amazon, eBay and POS sinks, which timestamp every update per SKU).
# For each system: a warm-up of WARMUP seconds (wrk), the sustained run (wrk, closed loop, CONNECTIONS connections,
# DURATION seconds), then the fixed-rate run (the sink's own open-loop generator at RATE events/s for FIXED seconds).
# First the sink's own ceiling (its Magento answering its own webhooks; wrk straight at a channel endpoint).
# Prints one JSON report per run (throughput end to end, latency to the last channel, loss, calls against the lower
# bound) and peak heap / RSS per system. Needs wrk (apt-get install wrk), node/npm, JDK 17, Maven (for the classpath).
# Usage: bench/stock-fanout/run.sh   (env: WARMUP=60 DURATION=60 CONNECTIONS=64 RATE=500 FIXED=60 SKUS=1000
#                                          SYSTEMS="omnisync node-red" OMNISYNC_ARGS="--omnisync.bus.consumers=4 ...")
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-60} DURATION=${DURATION:-60} CONNECTIONS=${CONNECTIONS:-64} RATE=${RATE:-500} FIXED=${FIXED:-60}
SKUS=${SKUS:-1000} SYSTEMS=${SYSTEMS:-"omnisync node-red"} WINDOW=${WINDOW:-PT0.2S}
sink_port=18190 omnisync_port=18181 nodered_port=18182
export BENCH_SECRET=bench-secret-$(head -c8 /dev/urandom | od -An -tx1 | tr -d ' \n') BENCH_TOKEN=bench-token-0123456789
work=${BENCH_WORK:-$(mktemp -d)}
out=target/bench-logs/stock-fanout
mkdir -p "$work" "$out"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f target/omnisync.jar ] || mvn -B -q -ntp package -DskipTests
nr=bench/stock-fanout/node-red
[ -x $nr/node_modules/.bin/node-red ] || (mkdir -p $nr && cd $nr && npm install --no-audit --no-fund node-red@4.1.8)
mvn -B -q -o -ntp dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
jackson=$(tr ':' '\n' < "$work/cp.txt" | grep -E 'jackson-(core|databind|annotations)/' | paste -sd:)
mkdir -p "$work/sink-classes"
javac -d "$work/sink-classes" -cp "$jackson" bench/stock-fanout/Sink.java

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB," \
  "$(java -version 2>&1 | head -1), node $(node --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "== commit $(git rev-parse --short HEAD), settings WARMUP=$WARMUP DURATION=$DURATION CONNECTIONS=$CONNECTIONS RATE=$RATE FIXED=$FIXED SKUS=$SKUS WINDOW=$WINDOW"

java -Xms1g -Xmx1g -XX:+UseParallelGC -Dsink.threads=128 -cp "$work/sink-classes:$jackson" Sink $sink_port "$SKUS" "$BENCH_SECRET" \
  > "$out/sink.log" 2>&1 &
pids+=($!)
until curl -sf -o /dev/null -XPOST "localhost:$sink_port/bench/null"; do sleep 0.2; done

sink() { curl -sf --max-time 600 -XPOST "localhost:$sink_port/bench/$1"; }
load() { echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }
# peak RSS from /proc (VmHWM) and, for a JVM, the peak heap used from its GC log
peaks() {
  local pid=$1 name=$2
  echo "== $name peak RSS: $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/$pid/status)"
  if [ "$name" = node-red ]; then
    echo "== $name peak heap used (--trace-gc, before collection): $(grep -oE '(Scavenge|Mark-Compact)[^0-9]*[0-9.]+' \
      "$work/$name-gc.log" | grep -oE '[0-9.]+$' | sort -n | tail -1) MB"
  elif [ -f "$work/$name-gc.log" ]; then
    echo "== $name peak heap used (GC log, before collection): $(grep -oE '[0-9]+M->[0-9]+M' "$work/$name-gc.log" \
      | cut -d- -f1 | tr -d M | sort -n | tail -1) MiB"
  fi
}
# one measured phase: events base..base+1e6 (each SKU's quantity is its event number / SKUS + 1, so later phases count up), reported after the channels went quiet
report() {
  local base=$1 name=$2
  local before=-1 now
  for _ in $(seq 1 120); do  # wait until the sink stops receiving channel updates (2 s without one)
    now=$(curl -sf "localhost:$sink_port/bench/report?from=$base&to=$((base + 1000000))&window=$WINDOW" | grep -m1 events_reaching | tr -dc 0-9)
    [ "$now" = "$before" ] && break
    before=$now
    sleep 2
  done
  curl -sf "localhost:$sink_port/bench/report?from=$base&to=$((base + 1000000))&window=$WINDOW" | tee "$out/$name.json"
  echo
}
run_wrk() { # base connections seconds [--latency]
  OFFSET=$1 wrk -t2 -c"$2" -d"$3"s --timeout 10s ${4:-} -s bench/stock-fanout/emit.lua "http://127.0.0.1:$sink_port"
}

# ---- the sink's own ceiling: its Magento sending webhooks to itself, and wrk straight at the eBay bulk endpoint
load
sink "phase?target=http://127.0.0.1:$sink_port/bench/null" >/dev/null
echo "== sink ceiling: emitter with a null target, wrk -c$CONNECTIONS 20 s"
run_wrk 0 "$CONNECTIONS" 20 | grep -E 'Requests/sec|non-2xx'
cat > "$work/ebay.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"requests":[{"sku":"BS-00001","offers":[{"offerId":"OF-BS-00001","availableQuantity":7}]}]}'
EOF
echo "== sink ceiling: one-SKU bulkUpdatePriceQuantity calls, wrk -c$CONNECTIONS 20 s"
wrk -t2 -c"$CONNECTIONS" -d20s -s "$work/ebay.lua" "http://127.0.0.1:$sink_port/sell/inventory/v1/bulk_update_price_quantity" | grep Requests/sec

for port in $omnisync_port $nodered_port; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is in use: stop what listens there" >&2; exit 1; fi
done
base=1000000 # event numbers: 0.. the ceiling run, then 3 million per system (warm-up, sustained, fixed rate)
for system in $SYSTEMS; do
  if [ "$system" = omnisync ]; then
    java -Xms1g -Xmx1g -Xlog:gc:file="$work/omnisync-gc.log" -jar target/omnisync.jar \
      --spring.config.additional-location=file:bench/stock-fanout/omnisync-bench.yaml --server.port=$omnisync_port \
      --bench.state="$work/state" --bench.sink-port=$sink_port --logging.level.root=WARN ${OMNISYNC_ARGS:-} \
      > "$out/omnisync.log" 2>&1 &
    pid=$!
    until curl -sf -o /dev/null localhost:$omnisync_port/actuator/health/readiness; do sleep 0.5; done
    target=http://127.0.0.1:$omnisync_port/webhooks/magento/inventory.source_items.updated
  else
    mkdir -p "$work/node-red"
    PORT=$nodered_port MAGENTO_WEBHOOK_SECRET=$BENCH_SECRET SINK_URL=http://127.0.0.1:$sink_port CHANNEL_TOKEN=$BENCH_TOKEN \
      AMAZON_SELLER_ID=A2BENCHSELLER AMAZON_MARKETPLACE=ATVPDKIKX0DER POS_LOCATION=L-BENCH \
      node --trace-gc $nr/node_modules/node-red/red.js -u "$work/node-red" -s bench/stock-fanout/node-red-settings.js \
      bench/stock-fanout/flows.json > "$work/node-red-gc.log" 2>&1 &
    pid=$!
    until curl -s -o /dev/null -XPOST localhost:$nodered_port/webhooks/magento/inventory.source_items.updated; do sleep 0.5; done
    target=http://127.0.0.1:$nodered_port/webhooks/magento/inventory.source_items.updated
  fi
  pids+=($pid)
  echo "=================== $system"
  sink "phase?target=$target" >/dev/null
  load
  echo "== warm-up: wrk -c$CONNECTIONS ${WARMUP}s (not measured)"
  run_wrk $base "$CONNECTIONS" "$WARMUP" | grep -E 'Requests/sec|non-2xx'
  sleep 5
  load
  echo "== sustained: wrk -c$CONNECTIONS ${DURATION}s"
  sink "phase?target=$target" >/dev/null
  run_wrk $((base + 1000000)) "$CONNECTIONS" "$DURATION" --latency | grep -E 'Requests/sec|non-2xx|50%|99%'
  report $((base + 1000000)) "$system-sustained"
  load
  echo "== fixed rate: $RATE events/s for ${FIXED}s (the sink's open-loop generator)"
  sink "phase?target=$target" >/dev/null
  sink "drive?from=$((base + 2000000))&rate=$RATE&seconds=$FIXED"
  echo
  report $((base + 2000000)) "$system-fixed-rate"
  peaks $pid $system
  kill $pid 2>/dev/null || echo "== $system had exited before the end of its runs: see $out" >&2
  wait $pid 2>/dev/null || true
  base=$((base + 3000000))
done
echo "== reports in $out"
