#!/usr/bin/env bash
# Stops exactly what scripts/local-up.sh started under $RUN_DIR (default .local-run/): the
# gateway, both services, DynamoDB Local, and the run's own PostgreSQL and Redis. Their data stays
# in the run directory for the next local-up.sh. Never touches a server DATABASE_URL or REDIS_URL
# named. Safe to run twice.
#
#   scripts/local-down.sh                  # everything
#   scripts/local-down.sh --only redis     # one component, to watch the system without it
#                                          # (postgres, redis, dynamodb-local, user-service,
#                                          # chat-service, gateway); local-up.sh brings it back
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUN_DIR=${RUN_DIR:-$ROOT_DIR/.local-run}
PIDS=$RUN_DIR/pids
# The gateway first, so no request reaches a service that is going away.
COMPONENTS=(gateway user-service chat-service dynamodb-local postgres redis)

ONLY=() QUIET=no
while [ $# -gt 0 ]; do
  case "$1" in
    --only)
      [ $# -ge 2 ] && [[ " ${COMPONENTS[*]} " == *" $2 "* ]] || die "--only takes one of: ${COMPONENTS[*]}"
      ONLY+=("$2"); shift 2 ;;
    --quiet) QUIET=yes; shift ;;
    *) die "unknown option $1 (options: --only <component>)" ;;
  esac
done
[ "${#ONLY[@]}" -gt 0 ] || ONLY=("${COMPONENTS[@]}")
say() { [ "$QUIET" = yes ] || log "$@"; }

[ -d "$RUN_DIR" ] || { say "nothing to stop (no $RUN_DIR)"; exit 0; }

# Only a live process whose command line names the component or the run directory: a PID the
# system has since given to another program is left alone.
ours() { # name, pid
  kill -0 "$2" 2>/dev/null && [ -r "/proc/$2/cmdline" ] && tr '\0' ' ' <"/proc/$2/cmdline" | grep -q -e "$1" -e "$RUN_DIR"
}

stop_pid() {
  local name=$1 pid=$2
  if ours "$name" "$pid"; then
    say "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        say "$name did not stop in 30s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
  fi
}

for name in "${COMPONENTS[@]}"; do
  [[ " ${ONLY[*]} " == *" $name "* ]] || continue
  case "$name" in
    postgres | redis)
      if "$ROOT_DIR/scripts/private-store.sh" status "$name" "$RUN_DIR/$name"; then
        say "stopping $name (pid $(cat "$RUN_DIR/$name/$name.pid" 2>/dev/null || echo '?'))"
        "$ROOT_DIR/scripts/private-store.sh" stop "$name" "$RUN_DIR/$name"
      fi
      ;;
    *)
      if [ -f "$PIDS/$name.pid" ]; then
        stop_pid "$name" "$(cat "$PIDS/$name.pid")"
        rm -f "$PIDS/$name.pid"
      fi
      ;;
  esac
done
say "stopped"
