#!/usr/bin/env bash
# Runs one load scenario against a freshly started reference server, on loopback, and stops it afterwards.
#   peershare-bench/bench.sh relay --clients 2000 --rates 5500,11000,22000,33000,44000,66000
#   peershare-bench/bench.sh idle --clients 1000,5000,10000
#   peershare-bench/bench.sh storm --clients 5000
#   peershare-bench/bench.sh chat --clients 1000 --rate 1000
# Build first: mvn -q -pl peershare-bench,peershare-example-server -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO="$1"; shift
SERVER_JAR=peershare-example-server/target/peershare-example-server.jar
BENCH_JAR=peershare-bench/target/peershare-bench.jar
PORT="${PORT:-4000}"

# Every simulated client comes from 127.0.0.1, so the per-address limits (meant for one household's NAT)
# are lifted; per-connection limits stay at their defaults.
export NODE_ENV=development HOST=127.0.0.1 PORT
export ADDRESS_RATE_LIMIT_JOIN=1000000,1000000 ADDRESS_RATE_LIMIT_SIGNAL=1000000,1000000
export ADDRESS_RATE_LIMIT_CONTROL=1000000,1000000 ADDRESS_RATE_LIMIT_CHAT=1000000,1000000
ulimit -n 20000 || true

java ${SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR" > "target-bench-server-$SCENARIO.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 0.2
done
java ${BENCH_JAVA_OPTS:--Xmx4g} -jar "$BENCH_JAR" "$SCENARIO" --pid "$SERVER_PID" --url "ws://127.0.0.1:$PORT/ws" "$@"
