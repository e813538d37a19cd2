#!/usr/bin/env bash
# The charts of docs/performance.md with the data behind them, in one command: on each transport (Netty, then
# Tyrus), the relay sweep, the idle scenario and the storm, as "How to reproduce" in docs/performance.md runs
# them (3 runs each, each on a fresh server), every run's results file into one new directory; then the charts
# from that directory into docs/performance/.
#   peershare-bench/bench.sh figures                 (about 17 minutes on the 2-vCPU machine of performance.md)
#   peershare-bench/bench.sh figures --smoke         (a few seconds a scenario, to try the pipeline: the numbers
#                                                     mean nothing, and the charts go to DIR/charts, not docs/)
# Options: --runs N (default 3), --transports netty,tyrus, --out DIR (default
# peershare-bench/target/results/figures-<UTC date>), --charts DIR (default docs/performance).
# Everything printed (each run's table and the median tables) is also kept in DIR/figures.log, and the time it
# took is its last line. If a scenario fails, the script stops; the runs so far are in DIR, and
# `peershare-bench/bench.sh charts --in DIR` draws the charts from whatever is there.
# Build first: mvn -q -pl peershare-bench,peershare-example-server -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=3
TRANSPORTS=netty,tyrus
OUT="peershare-bench/target/results/figures-$(date -u +%Y%m%d-%H%M%S)"
CHARTS=""
SMOKE=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --transports) TRANSPORTS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --charts) CHARTS="$2"; shift 2 ;;
    --smoke) SMOKE=true; shift ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
if [ "$SMOKE" = true ]; then
  CHARTS="${CHARTS:-$OUT/charts}"
  RELAY=(--clients 200 --rates 1000,2000 --step-seconds 2 --warmup-seconds 1)
  IDLE=(--clients 100,300 --idle-seconds 2)
  IDLE_LARGE=(--clients 500 --idle-seconds 2)
  STORM=(--clients 300)
else
  CHARTS="${CHARTS:-docs/performance}"
  RELAY=(--clients 2000 --rates 5500,11000,22000,33000,44000,55000 --step-seconds 10)
  IDLE=(--clients 1000,10000 --idle-seconds 20)
  IDLE_LARGE=(--clients 19000 --idle-seconds 20)
  STORM=(--clients 5000)
fi
mkdir -p "$OUT"
LOG="$OUT/figures.log"
bench() {
  echo "== bench.sh $*" | tee -a "$LOG"
  peershare-bench/bench.sh "$@" --out "$OUT" 2>&1 | tee -a "$LOG"
}
for t in ${TRANSPORTS//,/ }; do
  bench relay --runs "$RUNS" --transport "$t" "${RELAY[@]}"
  bench idle --runs "$RUNS" --transport "$t" "${IDLE[@]}"
  bench idle --transport "$t" "${IDLE_LARGE[@]}"
  bench storm --runs "$RUNS" --transport "$t" "${STORM[@]}"
done
java -jar peershare-bench/target/peershare-bench.jar charts --in "$OUT" --out "$CHARTS" 2>&1 | tee -a "$LOG"
echo "results in $OUT, charts in $CHARTS, log in $LOG; took $((SECONDS / 60)) min $((SECONDS % 60)) s" | tee -a "$LOG"
