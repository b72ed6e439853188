#!/usr/bin/env bash
# The benchmark: the local run, through the gateway, with wrk, judged against the most this
# machine's gateway could pass at all. One part a step, under scripts/bench/:
#
#   stack.sh      scripts/local-up.sh on free ports with stores of its own; the seed data; ready
#                 times and resident memory of the services
#   ceiling.sh    the proxy ceiling: nginx/nginx.conf rendered as local-up.sh renders it, in front
#                 of a trivial nginx upstream answering a fixed user-sized JSON
#   scenarios.sh  the scenarios (wrk scripts beside it) and one round of them, the ceiling first
#   verdict.sh    the targets; results.md, results.csv and results.svg (a bar chart) in $BENCH_OUT
#
# Every scenario runs twice (round 1 after a warm-up, round 2 at once); its fraction of the
# ceiling measured in the same round is judged, the lower of the two. Ready time and resident
# memory are judged absolute. Exit status 1 when a target is missed.
#
# Settings (env): BENCH_DURATION (10s), BENCH_WARMUP (8s; the first scenario of a service warms up
# three times as long), BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_OUT (target/bench),
# BENCH_SEED_USERS (500000), SERVICE_MEMORY (512m), NGINX (the nginx binary), BENCH_SCENARIOS
# (a comma list of scenario keys to run, e.g. "hit"; the ceiling always runs; default: all).
set -euo pipefail
BENCH_PARTS=$(dirname "${BASH_SOURCE[0]}")/bench
source "$BENCH_PARTS/../lib.sh"

DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-8s}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
OUT=${BENCH_OUT:-$ROOT_DIR/target/bench}
SEED_USERS=${BENCH_SEED_USERS:-500000}
RUN_ID=$(date +%s)-$$
START=$SECONDS

source "$BENCH_PARTS/stack.sh"
source "$BENCH_PARTS/scenarios.sh"
source "$BENCH_PARTS/verdict.sh"
source "$BENCH_PARTS/ceiling.sh"

require wrk "$(install_hint wrk)"
require gnuplot "$(install_hint gnuplot-nox) (draws results.svg)"
require psql "$(install_hint postgresql-client)"
require curl "$(install_hint curl)"
select_jdk
[[ -n "${BENCH_SCENARIOS:-}" && ",$BENCH_SCENARIOS," != *,miss,* ]] \
  || [ "$SEED_USERS" -ge $((MISS_FIRST_ID[2] + MISS_IDS_PER_RUN - 1)) ] \
  || die "BENCH_SEED_USERS must be at least $((MISS_FIRST_ID[2] + MISS_IDS_PER_RUN - 1)) (the cache-miss scenario reads each id once)"

mkdir -p "$OUT"
rm -rf "$OUT/wrk" "$OUT/ceiling" "$OUT/runs.txt" "$OUT/chart.dat"
mkdir -p "$OUT/wrk"

cleanup() {
  local status=$?
  set +e
  ceiling_down
  stack_down
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stack_up
ceiling_up
seed_data

run_round 1
run_round 2

declare -A RSS
for service in user-service chat-service; do RSS[$service]=$(rss_mb "$service"); done
log "restarting both services to time a second start [$((SECONDS - START))s]"
restart_services
write_results

echo
cat "$OUT/results.md"
echo
echo "Written: $OUT/results.md, $OUT/results.csv, $OUT/results.svg (in $((SECONDS - START))s)"
if [ "$MISSED" -gt 0 ]; then
  echo "bench: $MISSED target(s) missed"
  exit 1
fi
echo "bench: every target met"
