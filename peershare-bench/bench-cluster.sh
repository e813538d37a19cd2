#!/usr/bin/env bash
# Relay across two reference-server nodes sharing one Redis (started here on a spare port), on loopback.
#   peershare-bench/bench-cluster.sh --clients 2000 --rates 2000,5000,11000
# Options of this script, as in bench.sh: --transport netty|tyrus (TRANSPORT for both nodes, default netty),
# --runs N (a fresh Redis and fresh nodes for each run, then median (min..max)), --out DIR (the results files,
# named relay-<transport>-2-nodes-...); --generator netty|jdk and the
# relay's options go to the scenario. Environment: REDIS_PORT (default 6391), SERVER_JAVA_OPTS (default -XX:+UseSerialGC -Xmn32m), BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
source peershare-bench/bench-common.sh
REDIS_PORT="${REDIS_PORT:-6391}"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"

PIDS=()
stop_all() {
  if [ ${#PIDS[@]} -gt 0 ]; then
    kill "${PIDS[@]:1}" 2>/dev/null || true # the nodes first, then Redis
    sleep 1
    kill "${PIDS[0]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
    PIDS=()
  fi
}
trap stop_all EXIT

for run in $(seq 1 "$RUNS"); do
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > /dev/null &
  PIDS=($!)
  # shellcheck disable=SC2086
  PORT=4001 NODE_ID=node-a java ${SERVER_JAVA_OPTS:--XX:+UseSerialGC -Xmn32m} -jar "$SERVER_JAR" > target-bench-node-a.log 2>&1 &
  A=$!
  # shellcheck disable=SC2086
  PORT=4002 NODE_ID=node-b java ${SERVER_JAVA_OPTS:--XX:+UseSerialGC -Xmn32m} -jar "$SERVER_JAR" > target-bench-node-b.log 2>&1 &
  B=$!
  PIDS+=("$A" "$B")
  await_health 4001
  await_health 4002
  result_args "$run"
  REPORT="target-bench-runs/cluster-$run.md"
  [ "$RUNS" -gt 1 ] && echo "== run $run of $RUNS (transport $TRANSPORT)"
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:--Xmx4g} -jar "$BENCH_JAR" relay --pid "$A" --pid2 "$B" \
    --url ws://127.0.0.1:4001/ws --url2 ws://127.0.0.1:4002/ws "${RESULT_ARGS[@]}" "${ARGS[@]}" | tee "$REPORT"
  REPORTS+=("$REPORT")
  stop_all
done
print_median
echo "(server CPU columns are both nodes together; Redis's own CPU is not included)"
