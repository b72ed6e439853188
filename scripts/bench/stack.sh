# The system under test: scripts/local-up.sh on free ports, with its own PostgreSQL, Redis and
# DynamoDB Local under $RUN_DIR, the services' JVMs sized as under the chart's memory limit; the
# seed data; and what the services themselves report (ready time, resident memory).
# Sourced by scripts/bench.sh; needs $OUT, $SEED_USERS and lib.sh.

export RUN_DIR=$OUT/run
export SERVICE_MEMORY=${SERVICE_MEMORY:-512m}   # the chart's default memory limit

# N free ports, no two alike (free_port alone may draw one twice).
distinct_free_ports() { # count
  local ports=() port
  while [ "${#ports[@]}" -lt "$1" ]; do
    port=$(free_port)
    [[ " ${ports[*]} " == *" $port "* ]] || ports+=("$port")
  done
  echo "${ports[*]}"
}

stack_up() {
  rm -rf "$RUN_DIR"
  export GATEWAY_PORT USER_SERVICE_PORT CHAT_SERVICE_PORT USER_MANAGEMENT_PORT CHAT_MANAGEMENT_PORT \
    DYNAMODB_PORT POSTGRES_PORT REDIS_PORT
  read -r GATEWAY_PORT USER_SERVICE_PORT CHAT_SERVICE_PORT USER_MANAGEMENT_PORT CHAT_MANAGEMENT_PORT \
    DYNAMODB_PORT POSTGRES_PORT REDIS_PORT < <(distinct_free_ports 8)
  # The run's own stores, never a server named in the caller's environment.
  unset DATABASE_URL REDIS_URL DYNAMODB_ENDPOINT
  log "starting the local run on free ports (gateway :$GATEWAY_PORT, services as under a $SERVICE_MEMORY memory limit)"
  "$ROOT_DIR/scripts/local-up.sh" >"$OUT/local-up.log" 2>&1 || die "local-up.sh failed; see $OUT/local-up.log"
  GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT
  DATABASE_URL=postgresql://postgres@127.0.0.1:$POSTGRES_PORT/users
}

# Stops the run and removes its stores' data (half a million users).
stack_down() {
  "$ROOT_DIR/scripts/local-down.sh" >"$OUT/local-down.log" 2>&1
  rm -rf "$RUN_DIR/postgres" "$RUN_DIR/redis" "$RUN_DIR/dynamodb-data"
}

post() { curl -fsS -X POST "$GATEWAY_URL$1" -H 'Content-Type: application/json' -d "$2"; }
json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",]*\).*/\1/p"; }

# $SEED_USERS users straight into PostgreSQL; one chat of three participants (CHAT_ID) and one
# participant (bench-member) in ten chats, through the API.
seed_data() {
  local n chat
  log "seeding $SEED_USERS users (SQL) and the chats (API)"
  psql "$DATABASE_URL" -qc "INSERT INTO users (name, email, email_key)
    SELECT 'Seed User ' || n, 'seed-' || n || '@example.com', 'seed-' || n || '@example.com' FROM generate_series(1, $SEED_USERS) AS n" >/dev/null \
    || die "could not seed the users into $DATABASE_URL"
  psql "$DATABASE_URL" -qc "VACUUM ANALYZE users" >/dev/null
  curl -fsS -o /dev/null "$GATEWAY_URL/api/users/1"   # the cache-hit scenario's entry
  CHAT_ID=$(post /api/chats '{"name":"Bench chat","metadata":{"type":"bench"}}' | json_field id)
  post "/api/chats/$CHAT_ID/participants" '{"participant_ids":["user-1","user-2","user-3"]}' >/dev/null
  for n in $(seq 1 10); do
    chat=$(post /api/chats "{\"name\":\"Bench member chat $n\"}" | json_field id)
    post "/api/chats/$chat/participants" '{"participant_ids":["bench-member"]}' >/dev/null
  done
}

# Seconds from process start to "Started ...", the moment readiness turns UP; one line a start.
ready_seconds() { sed -n 's/.*Started .* (process running for \([0-9.]*\)).*/\1/p' "$RUN_DIR/logs/$1.log"; }
rss_mb() { awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$(cat "$RUN_DIR/pids/$1.pid")/status"; }

# Stops and starts both services once more (the stores and the gateway stay), so that a start
# from a warm machine is judged too, not only the first.
restart_services() {
  "$ROOT_DIR/scripts/local-down.sh" --only user-service --only chat-service >>"$OUT/local-down.log" 2>&1
  "$ROOT_DIR/scripts/local-up.sh" >>"$OUT/local-up.log" 2>&1 || die "local-up.sh failed on the restart; see $OUT/local-up.log"
}
