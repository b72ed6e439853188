#!/usr/bin/env bash
# Stops exactly what scripts/local-up.sh started (its PID files under $RUN_DIR/pids), including
# PostgreSQL or Redis only if local-up.sh had to start them. Safe to run twice.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUN_DIR=${RUN_DIR:-$ROOT_DIR/.run}
PIDS=$RUN_DIR/pids
[ -d "$PIDS" ] || { log "nothing to stop (no $PIDS)"; exit 0; }

stop_pid() {
  local name=$1 pid=$2
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        log "$name did not stop in 30s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
  fi
}

# The gateway first, so no request reaches a service that is going away.
for name in gateway user-service chat-service dynamodb-local; do
  if [ -f "$PIDS/$name.pid" ]; then
    stop_pid "$name" "$(cat "$PIDS/$name.pid")"
    rm -f "$PIDS/$name.pid"
  fi
done

if [ -f "$PIDS/redis.started" ]; then
  log "stopping the Redis that local-up.sh started"
  redis-cli -p "$(cat "$PIDS/redis.started")" shutdown nosave >/dev/null 2>&1 || true
  rm -f "$PIDS/redis.started" "$PIDS/redis-server.pid"
fi
if [ -f "$PIDS/postgres.started" ]; then
  log "stopping the PostgreSQL that local-up.sh started"
  pg_ctlcluster --skip-systemctl-redirect "$(cat "$PIDS/postgres.started")" main stop || true
  rm -f "$PIDS/postgres.started"
fi
log "stopped"
