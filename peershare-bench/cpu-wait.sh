#!/usr/bin/env bash
# Every second, for each process given: its CPU use and the time its threads waited for a CPU while runnable
# (run-queue wait, from /proc/<pid>/task/*/schedstat), both in % of one core; and the whole machine's busy
# CPU (/proc/stat, kernel and interrupts included), to see other work. Stops when the first process exits.
# On a machine shared by server and generator, a high wait means one is starved by the other.
#   peershare-bench/cpu-wait.sh SERVER_PID GENERATOR_PID > cpu-wait.log &
set -euo pipefail
sample() { # prints "run_ns wait_ns" summed over the threads of $1
  cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{r += $1; w += $2} END {printf "%d %d\n", r, w}'
}
machine() { # busy jiffies (1/100 s) of all CPUs: everything but idle and iowait
  awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
}
declare -A RUN WAIT
for pid in "$@"; do read -r RUN[$pid] WAIT[$pid] < <(sample "$pid"); done
BUSY=$(machine)
while :; do
  sleep 1
  line="$(date +%T)"
  for pid in "$@"; do
    [ -d /proc/"$pid" ] || exit 0
    read -r run wait < <(sample "$pid")
    line="$line  $pid cpu $(( (run - RUN[$pid]) / 10000000 ))% wait $(( (wait - WAIT[$pid]) / 10000000 ))%"
    RUN[$pid]=$run WAIT[$pid]=$wait
  done
  busy=$(machine)
  echo "$line  machine busy $((busy - BUSY))%"
  BUSY=$busy
done
