#!/usr/bin/env bash
# The labs: each learning objective of the design as an experiment that runs on a stack of its
# own (private stores, free ports, under target/labs/<name>/), measures, and prints a table of
# evidence and a conclusion drawn from those numbers. Everything it started is stopped at the end.
#
#   scripts/lab.sh list          # one line per lab
#   scripts/lab.sh NAME          # runs one; results in target/labs/NAME/ (results.json, *.svg)
#
# Settings (env): LAB_SHORT=1 (smaller sizes and shorter phases, as the tests run them),
# LAB_OUT (target/labs/NAME).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LABS=(
  "cache-aside|cold vs warm cache: latency, PostgreSQL queries and Redis hits per read; a short TTL expiring and refilling"
  "stale-race|the cache-aside race made deterministic: textbook delete-on-write serves the old row, versioned puts never do"
  "stampede|N = 1, 10, 100 concurrent misses of one id: PostgreSQL loads with single-flight and with it switched off"
  "gsi|chats of a participant: GSI query + batched reads vs a filtered scan, items read and latency as the table grows"
  "gateway|two user-service instances behind nginx, one killed under load: GET errors, a POST in flight, time to balance again"
  "outage|each store stopped and restarted under load: what every endpoint answered, health, readiness, nothing acknowledged lost"
  "shared-library|chat-service gets a ready Redis client from REDIS_URL alone through common: health lists Redis, its client on db 1"
)

list() {
  local entry
  for entry in "${LABS[@]}"; do
    printf '%-15s %s\n' "${entry%%|*}" "${entry#*|}"
  done
}

[ $# -ge 1 ] || { list; exit 0; }
case "$1" in
  list | -h | --help) list; exit 0 ;;
esac
NAME=$1
for entry in "${LABS[@]}"; do
  [ "${entry%%|*}" != "$NAME" ] || [[ ${entry#*|} != "not yet available"* ]] || die "$NAME: ${entry#*|}"
done
[ -f "$ROOT_DIR/scripts/lab/$NAME.sh" ] || die "no lab named $NAME; scripts/lab.sh list shows them"
export LAB_NAME=$NAME
source "$ROOT_DIR/scripts/lab/common.sh"
source "$ROOT_DIR/scripts/lab/$NAME.sh"
