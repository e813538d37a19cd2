# Sourced by bench.sh and bench-cluster.sh: their own options, the servers' environment, and the median table.
# Sets TRANSPORT (--transport netty|tyrus, default netty, exported for the server), RUNS (--runs N, default 1),
# RESULTS (--out DIR, default peershare-bench/target/results: where each run's results file goes), COMMIT (the
# version measured, git's short hash, "+changes" if the work tree differs from it) and ARGS (every other
# argument, for the scenario: --generator, --clients, ...).
TRANSPORT=netty
RUNS=1
RESULTS=peershare-bench/target/results
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --transport) TRANSPORT="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --out) RESULTS="$2"; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || true)"
if [ -n "$COMMIT" ] && ! git diff --quiet HEAD 2>/dev/null; then COMMIT="$COMMIT+changes"; fi

# Sets RESULT_ARGS to the options that place and label run $1's results file (the scenario's own --out,
# --transport, --run, --runs, --commit).
result_args() {
  RESULT_ARGS=(--out "$RESULTS" --transport "$TRANSPORT" --run "$1" --runs "$RUNS" --commit "${COMMIT:-unknown}")
}
SERVER_JAR=peershare-example-server/target/peershare-example-server.jar
BENCH_JAR=peershare-bench/target/peershare-bench.jar

# Every simulated client comes from 127.0.0.1, so the per-address limits (meant for one household's NAT)
# are lifted, rate limits, connection rate, networks and sockets per address alike; per-connection limits stay at their
# defaults.
export NODE_ENV=development HOST=127.0.0.1 TRANSPORT MAX_CONNECTIONS_PER_ADDRESS=1000000
export ADDRESS_RATE_LIMIT_JOIN=1000000,1000000 ADDRESS_RATE_LIMIT_SIGNAL=1000000,1000000
export ADDRESS_RATE_LIMIT_CONTROL=1000000,1000000 ADDRESS_RATE_LIMIT_CHAT=1000000,1000000
export ADDRESS_CONNECTION_RATE_LIMIT=1000000,1000000 ADDRESS_HTTP_RATE_LIMIT=1000000,1000000 MAX_NETWORKS_PER_ADDRESS=1000000
ulimit -n 20000 || true
mkdir -p target-bench-runs
REPORTS=()

# Waits (at most 20 s) until the server on port $1 answers /health.
await_health() {
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
}

# After several runs: each run's table was printed; now one table of median (min..max).
print_median() {
  if [ "$RUNS" -gt 1 ]; then
    echo "== median (min..max) of $RUNS runs"
    java -jar "$BENCH_JAR" median "${REPORTS[@]}"
  fi
}
