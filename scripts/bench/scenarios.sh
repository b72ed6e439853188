# The scenarios and how one of them runs. Sourced by scripts/bench.sh; needs $OUT, $THREADS,
# $CONNECTIONS, $WARMUP, $DURATION, $RUN_ID and lib.sh.

LUA=$ROOT_DIR/scripts/bench

# The cache-miss scenario reads every id once: the warm-up and each round take ids of their own.
MISS_FIRST_ID=(100001 200001 350001)   # warm-up, round 1, round 2
MISS_IDS_PER_RUN=150000

# key | name | chart label | where (ceiling or gateway) | service | path | wrk script (blank: plain GET) |
# warm-up factor (the first scenario of a service warms up longer: the JIT compiles there most of
# what the service's other scenarios share)
# BENCH_SCENARIOS (a comma list of keys, e.g. "hit") keeps only those, after the ceiling.
scenario_list() {
  local only=",ceiling,${BENCH_SCENARIOS:-},"
  all_scenarios | while IFS= read -r line; do
    [ -z "${BENCH_SCENARIOS:-}" ] || [[ "$only" == *",${line%%|*},"* ]] && printf '%s\n' "$line"
  done
}

all_scenarios() {
  cat <<LIST
ceiling|proxy ceiling: the gateway in front of a trivial upstream|proxy ceiling|ceiling|-|/api/users/1||1
hit|GET /api/users/1, cache hit|cache hit|gateway|user-service|/api/users/1||3
miss|GET /api/users/{id}, cache miss (each id once)|cache miss|gateway|user-service|/api/users|read-each-user-once.lua|1
list|GET /api/users?limit=100|list 100|gateway|user-service|/api/users?limit=100||1
create|POST /api/users (unique emails)|create|gateway|user-service|/api/users|create-user.lua|1
update|PUT /api/users/{id} (a new name)|update|gateway|user-service|/api/users|update-user.lua|1
chat|GET /api/chats/{id}, 3 participants|chat|gateway|chat-service|/api/chats/$CHAT_ID||3
chats|GET /api/chats/participant/{id}, 10 chats|chats of user|gateway|chat-service|/api/chats/participant/bench-member||1
LIST
}

# CPU time (clock ticks, utime + stime) of a process and its children that run: nginx's workers,
# PostgreSQL's backends.
tree_ticks() { # pid file
  local pid
  pid=$(head -n 1 "$1" 2>/dev/null) && [ -n "$pid" ] || { echo 0; return; }
  # One stream: a process that ends while this runs is skipped, not an error.
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v pid="$pid" '{ self = $1; sub(/^.*\) /, "") }
    self == pid || $2 == pid { sum += $12 + $13 } END { print sum + 0 }'
}

# "service stores gateway" ticks: the service the scenario asks, the run's three stores, and the
# nginx in front (for the ceiling: the trivial upstream, nothing, and its gateway).
cpu_sample() { # where, service
  local stores=0 file
  if [ "$1" = ceiling ]; then
    echo "$(tree_ticks "$CEILING_DIR/upstream/nginx.pid") 0 $(tree_ticks "$CEILING_DIR/gateway/nginx/nginx.pid")"
    return
  fi
  for file in "$RUN_DIR/postgres/postgres.pid" "$RUN_DIR/redis/redis.pid" "$RUN_DIR/pids/dynamodb-local.pid"; do
    stores=$((stores + $(tree_ticks "$file")))
  done
  echo "$(tree_ticks "$RUN_DIR/pids/$2.pid") $stores $(tree_ticks "$RUN_DIR/nginx/nginx.pid")"
}

# Runs wrk once; prints "requests duration_us p50_us p99_us non2xx socket_errors".
run_wrk() { # url, duration, wrk script or blank, run name
  local url=$1 duration=$2 script=$3 run=$4 file=$OUT/wrk/$4.lua
  if [ -n "$script" ]; then cat "$LUA/$script" "$LUA/report.lua"; else cat "$LUA/report.lua"; fi >"$file"
  BENCH_RUN_ID=$RUN_ID-$run BENCH_THREADS=$THREADS wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" \
    -s "$file" "$url" >"$OUT/wrk/$run.out" 2>&1 </dev/null || die "wrk failed; see $OUT/wrk/$run.out"
  sed -n 's/^BENCH requests=\([0-9]*\) duration_us=\([0-9]*\) p50_us=\([0-9]*\) p99_us=\([0-9]*\) non2xx=\([0-9]*\) socket_errors=\([0-9]*\)$/\1 \2 \3 \4 \5 \6/p' \
    "$OUT/wrk/$run.out"
}

# Runs one scenario in one round (round 1 warms up first) and appends a line to $OUT/runs.txt:
# "round key requests rps p50_us p99_us errors" and the CPU microseconds a request of the service,
# the stores and the gateway.
run_scenario() { # round, key, where, service, path, script, warm-up factor
  local round=$1 key=$2 where=$3 service=$4 url path=$5 script=$6 factor=$7 requests duration p50 p99 non2xx socket
  local before after
  [ "$3" = ceiling ] && url=$CEILING_URL$path || url=$GATEWAY_URL$path
  if [ "$round" = 1 ]; then
    BENCH_FIRST_ID=${MISS_FIRST_ID[0]} run_wrk "$url" "$((${WARMUP%s} * factor))s" "$script" "$key-warmup" >/dev/null
  fi
  before=$(cpu_sample "$where" "$service")
  read -r requests duration p50 p99 non2xx socket \
    < <(BENCH_FIRST_ID=${MISS_FIRST_ID[$round]} run_wrk "$url" "$DURATION" "$script" "$key-$round")
  after=$(cpu_sample "$where" "$service")
  [ -n "$requests" ] || die "wrk printed no summary; see $OUT/wrk/$key-$round.out"
  if [ "$script" = read-each-user-once.lua ] && [ "$requests" -gt "$MISS_IDS_PER_RUN" ]; then
    die "the cache-miss scenario read more ids than a run has ($MISS_IDS_PER_RUN): raise MISS_IDS_PER_RUN and BENCH_SEED_USERS"
  fi
  echo "$round $key $requests $(awk -v r="$requests" -v d="$duration" 'BEGIN { printf "%.0f", r / (d / 1e6) }') $p50 $p99 $((non2xx + socket))" \
    "$(awk -v b="$before" -v a="$after" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {
      split(b, x, " "); split(a, y, " ")
      for (i = 1; i <= 3; i++) printf "%s%.0f", (i > 1 ? " " : ""), (y[i] - x[i]) * 1e6 / hz / n }')" >>"$OUT/runs.txt"
}

# Every scenario once, the ceiling first: each round's fractions are of that round's ceiling.
run_round() { # round
  local key name label where service path script factor
  while IFS='|' read -r key name label where service path script factor; do
    log "round $1: $name [$((SECONDS - START))s]"
    run_scenario "$1" "$key" "$where" "$service" "$path" "$script" "$factor"
  done < <(scenario_list)
}
