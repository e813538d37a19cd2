#!/usr/bin/env bash
# Real data for the dashboard's picture: two PeerShare nodes on one Redis (one on Netty, one on Tyrus), scraped
# every 2 s by Debian's Prometheus while peershare-bench's soak (relay, chat, joins and leaves, slow readers,
# bad frames, floods) runs against one node and a relay sweep against the other; then render.py draws the
# dashboard's panels from Prometheus's answers to the dashboard's own queries. About five minutes.
#
#   apt-get install -y prometheus python3-matplotlib redis-server
#   mvn -q -pl peershare-example-server,peershare-bench -am package -DskipTests
#   docs/grafana/screenshot.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES="${1:-4}"
WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
# As peershare-bench runs its scenarios: every load comes from 127.0.0.1, so the per-address limits are lifted
# (per-connection limits stay, and the soak's floods meet them).
export MAX_CONNECTIONS_PER_ADDRESS=1000000 ADDRESS_RATE_LIMIT_JOIN=1000000,1000000
export ADDRESS_RATE_LIMIT_SIGNAL=1000000,1000000 ADDRESS_RATE_LIMIT_CONTROL=1000000,1000000
export ADDRESS_RATE_LIMIT_CHAT=1000000,1000000 ADDRESS_CONNECTION_RATE_LIMIT=1000000,1000000
export ADDRESS_HTTP_RATE_LIMIT=1000000,1000000 MAX_NETWORKS_PER_ADDRESS=1000000
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

REDIS_PORT=$(free_port); A_PORT=$(free_port); B_PORT=$(free_port); PROM_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > "$WORK/redis.log" 2>&1 &
PIDS+=($!)
start_node() { # id port transport
  NODE_ENV=development PORT="$2" HOST=127.0.0.1 TRANSPORT="$3" NODE_ID="$1" REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
    java -XX:+UseSerialGC -Xmn32m -jar peershare-example-server/target/peershare-example-server.jar > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$2/health" > /dev/null && return; sleep 0.2; done
  echo "node $1 did not start" >&2; cat "$WORK/$1.log" >&2; exit 1
}
start_node node-a "$A_PORT" netty
A_PID=${PIDS[-1]}
start_node node-b "$B_PORT" tyrus
B_PID=${PIDS[-1]}

cat > "$WORK/prometheus.yml" <<YAML
global: { scrape_interval: 2s }
scrape_configs:
  - job_name: peershare
    static_configs: [ { targets: ["127.0.0.1:$A_PORT", "127.0.0.1:$B_PORT"] } ]
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
  --web.listen-address="127.0.0.1:$PROM_PORT" > "$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
sleep 3
START=$(date +%s)
java -jar peershare-bench/target/peershare-bench.jar soak --pid "$A_PID" --url "ws://127.0.0.1:$A_PORT/ws" \
  --minutes "$MINUTES" > "$WORK/soak.txt" 2>&1 &
SOAK=$!
STEP=$(( MINUTES * 60 / 5 ))
java -jar peershare-bench/target/peershare-bench.jar relay --pid "$B_PID" --url "ws://127.0.0.1:$B_PORT/ws" \
  --clients 400 --rates 500,1000,2000,4000 --step-seconds "$STEP" > "$WORK/relay.txt" 2>&1 || true
wait "$SOAK" || true
sleep 6
END=$(date +%s)
/usr/bin/python3 docs/grafana/render.py "http://127.0.0.1:$PROM_PORT" "$START" "$END" docs/grafana/peershare-dashboard.png
echo "rendered docs/grafana/peershare-dashboard.png from $(( (END - START) / 60 )) min of scrapes; logs in $WORK"
