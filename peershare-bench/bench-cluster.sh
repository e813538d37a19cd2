#!/usr/bin/env bash
# Relay across two reference-server nodes sharing one Redis (started here on a spare port), on loopback.
#   peershare-bench/bench-cluster.sh --clients 2000 --rates 2000,5000,11000
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER_JAR=peershare-example-server/target/peershare-example-server.jar
BENCH_JAR=peershare-bench/target/peershare-bench.jar
REDIS_PORT="${REDIS_PORT:-6391}"
export NODE_ENV=development HOST=127.0.0.1 REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export ADDRESS_RATE_LIMIT_JOIN=1000000,1000000 ADDRESS_RATE_LIMIT_SIGNAL=1000000,1000000
export ADDRESS_RATE_LIMIT_CONTROL=1000000,1000000 ADDRESS_RATE_LIMIT_CHAT=1000000,1000000
ulimit -n 20000 || true

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > /dev/null &
REDIS_PID=$!
PORT=4001 NODE_ID=node-a java -jar "$SERVER_JAR" > target-bench-node-a.log 2>&1 &
A=$!
PORT=4002 NODE_ID=node-b java -jar "$SERVER_JAR" > target-bench-node-b.log 2>&1 &
B=$!
trap 'kill $A $B 2>/dev/null; sleep 1; kill $REDIS_PID 2>/dev/null; wait 2>/dev/null || true' EXIT
for port in 4001 4002; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
done
java ${BENCH_JAVA_OPTS:--Xmx4g} -jar "$BENCH_JAR" relay --pid "$A" --pid2 "$B" \
  --url ws://127.0.0.1:4001/ws --url2 ws://127.0.0.1:4002/ws "$@"
echo "(server CPU columns are both nodes together; Redis's own CPU is not included)"
