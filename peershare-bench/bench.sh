#!/usr/bin/env bash
# Runs one load scenario against a freshly started reference server, on loopback, and stops it afterwards.
#   peershare-bench/bench.sh relay --clients 2000 --rates 5500,11000,22000,33000,44000,66000
#   RELAY_ENABLED=true peershare-bench/bench.sh relayed-transfer --relays 1 --size-mb 100   (files through the relay;
#     raise RELAY_BANDWIDTH and RELAY_QUOTA_PER_ADDRESS_PER_DAY to measure past the defaults: docs/performance.md)
#   peershare-bench/bench.sh idle --clients 1000,5000,10000
#   peershare-bench/bench.sh storm --clients 5000 [--warmup-clients 10000] [--resident 10000]
#   peershare-bench/bench.sh node-storm --sequence 10000:hold,5000,5000 [--resident 10000]   (reconnect storms on
#     Node's `ws`, one source address; npm install --prefix peershare-bench/node first; options in storm.js)
#   peershare-bench/bench.sh chat --clients 1000 --rate 1000
#   peershare-bench/bench.sh soak --minutes 10     (everything at once; exits 1 if the heap after GC grew)
#   peershare-bench/bench.sh node-relay --clients 2000 --rate 11000 --seconds 10   (the Node `ws` cross-check;
#     npm install --prefix peershare-bench/node first; options in peershare-bench/node/relay.js)
#   peershare-bench/bench.sh charts --in DIR [--out docs/performance]   (the SVG charts from results files; no server)
#   peershare-bench/bench.sh figures   (the scenarios of the charts, then the charts: see figures.sh)
# Options of this script (the others go to the scenario, see Bench.java):
#   --transport netty|tyrus   the server's transport, passed as TRANSPORT (default netty)
#   --runs N                  N runs, each on a fresh server; prints each run's table, then median (min..max)
#   --out DIR                 where each run's results file (JSON) goes (default peershare-bench/target/results)
#   --generator netty|jdk     the load generator's WebSocket client (default netty); passed to the scenario
# Environment: PORT (default 4000), SERVER_JAVA_OPTS (default the shipped -XX:+UseSerialGC -Xmn32m),
# BENCH_JAVA_OPTS (default -Xmx4g).
# Each run's table is kept in target-bench-runs/<scenario>-<n>.md, its figures in a results file in --out.
# Build first: mvn -q -pl peershare-bench,peershare-example-server -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO="$1"; shift
case "$SCENARIO" in
  charts) exec java -jar peershare-bench/target/peershare-bench.jar charts "$@" ;;
  figures) exec peershare-bench/figures.sh "$@" ;;
esac
source peershare-bench/bench-common.sh
export PORT="${PORT:-4000}"

SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
trap stop_server EXIT

for run in $(seq 1 "$RUNS"); do
  # shellcheck disable=SC2086
  java ${SERVER_JAVA_OPTS:--XX:+UseSerialGC -Xmn32m} -jar "$SERVER_JAR" > "target-bench-server-$SCENARIO.log" 2>&1 &
  SERVER_PID=$!
  await_health "$PORT"
  result_args "$run"
  REPORT="target-bench-runs/$SCENARIO-$run.md"
  [ "$RUNS" -gt 1 ] && echo "== run $run of $RUNS (transport $TRANSPORT)"
  if [ "$SCENARIO" = node-relay ]; then
    node peershare-bench/node/relay.js --pid "$SERVER_PID" --url "ws://127.0.0.1:$PORT/ws" "${RESULT_ARGS[@]}" \
      "${ARGS[@]}" | tee "$REPORT"
  elif [ "$SCENARIO" = node-storm ]; then
    node peershare-bench/node/storm.js --url "ws://127.0.0.1:$PORT/ws" "${ARGS[@]}" | tee "$REPORT"
  else
    # shellcheck disable=SC2086
    java ${BENCH_JAVA_OPTS:--Xmx4g} -jar "$BENCH_JAR" "$SCENARIO" --pid "$SERVER_PID" --url "ws://127.0.0.1:$PORT/ws" \
      "${RESULT_ARGS[@]}" "${ARGS[@]}" | tee "$REPORT"
  fi
  REPORTS+=("$REPORT")
  stop_server
done
[ "$SCENARIO" = node-storm ] || print_median   # storm.js prints its own table per run
