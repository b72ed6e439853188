#!/usr/bin/env bash
# Part of scripts/compose-e2e.sh (sourced): Compose against rootful podman's Docker API. The API
# is this run's own podman (scripts/smoke/podman.sh) served on a unix socket; docker-compose 1.29
# reaches it through DOCKER_HOST. What podman 4.3 lacks here is supplied, never patched into the
# compose file: rlimits capped at the machine's hard limits (containers.conf), and the compose
# healthchecks run by `podman healthcheck run` at each one's interval, since podman schedules them
# with systemd timers that this machine does not have.

API_PID="" HEALTH_PID=""

start_podman_api() {
  local socket=$RUNROOT/podman.sock
  # podman's default rlimits (1048576) fail where the machine's hard limits are lower, as in a
  # container; these are ample for every service in the file.
  printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=4096:4096"]\n' \
    "$(ulimit -Hn)" "$(ulimit -Hn)" >"$WORK/containers.conf"
  export CONTAINERS_CONF=$WORK/containers.conf
  pod system service --time=0 "unix://$socket" >"$WORK/logs/podman-api.log" 2>&1 &
  API_PID=$!
  export DOCKER_HOST=unix://$socket
  wait_until "podman's Docker API on $socket" 30 curl -fsS --unix-socket "$socket" http://d/_ping
  log "podman $(pod version --format '{{.Server.Version}}') serves the Docker API on $socket"
}

# Each running container's healthcheck every `interval` of its own, one run at a time, as Docker
# schedules them: a check that runs more often would use up `retries` sooner than Docker does.
start_health_timers() {
  (
    declare -A interval due running
    while :; do
      for id in $(pod ps -q --no-trunc --filter status=running); do
        [ -n "${interval[$id]:-}" ] || interval[$id]=$(pod inspect --format \
          '{{printf "%.0f" .Config.Healthcheck.Interval.Seconds}}' "$id" 2>/dev/null || echo 0)
        [ "${interval[$id]}" -gt 0 ] 2>/dev/null || continue
        [ -n "${due[$id]:-}" ] || due[$id]=$((SECONDS + interval[$id]))
        [ "$SECONDS" -ge "${due[$id]}" ] || continue
        if [ -z "${running[$id]:-}" ] || ! kill -0 "${running[$id]}" 2>/dev/null; then
          pod healthcheck run "$id" >/dev/null 2>&1 &
          running[$id]=$!
          due[$id]=$((SECONDS + interval[$id]))
        fi
      done
      sleep 1
    done
  ) >/dev/null 2>&1 &
  HEALTH_PID=$!
}

stop_podman_api() {
  local deadline=$((SECONDS + 30))
  [ -z "$HEALTH_PID" ] || { kill "$HEALTH_PID" 2>/dev/null; wait "$HEALTH_PID" 2>/dev/null; }
  # pod is a function: $API_PID is the subshell running it, podman its child.
  [ -z "$API_PID" ] || { pkill -TERM -P "$API_PID" 2>/dev/null; wait "$API_PID" 2>/dev/null; }
  HEALTH_PID="" API_PID=""
  # The timers' last checks may still run: podman_teardown removes their run directory after them.
  while pgrep -f -- "--runroot $RUNROOT/run" >/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
}

# docker-compose on the project's file, unchanged, as project $PROJECT with its own host ports.
compose() {
  # Compose gives the API 60 s per call by default; a busy machine's podman can take longer.
  COMPOSE_HTTP_TIMEOUT=${COMPOSE_HTTP_TIMEOUT:-300} docker-compose --project-directory "$ROOT_DIR" -f "$ROOT_DIR/docker-compose.yml" -p "$PROJECT" "$@"
}

# Runs compose for project $1 with the port variables of $2 (NAME=value ...), then the arguments.
compose_as() { # project, "GATEWAY_PORT=... USER_SERVICE_PORT=... CHAT_SERVICE_PORT=...", compose args
  local project=$1 ports=$2; shift 2
  # shellcheck disable=SC2086
  (PROJECT=$project; [ -z "$ports" ] || export $ports; compose "$@")
}

# Every container of project $1 healthy, or the states and the last logs, and a failure.
await_healthy_project() { # project, seconds
  local project=$1 seconds=$2 deadline states
  deadline=$((SECONDS + seconds))
  while :; do
    states=$(pod ps -a --filter "label=com.docker.compose.project=$project" --format '{{.Names}} {{.Status}}')
    if [ -n "$states" ] && ! grep -vq '(healthy)' <<<"$states"; then
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      pod ps -a --filter "label=com.docker.compose.project=$project" --format '{{.Names}}' \
        | while read -r name; do pod logs --tail 40 "$name" >"$WORK/logs/$name.log" 2>&1; done
      die "project $project was not healthy within ${seconds}s:
$states
(logs in $WORK/logs)"
    fi
    sleep 2
  done
}

# Each container's log of project $1 into $WORK/logs/<container><suffix>.log, before a `down` takes it.
save_logs() { # project, suffix
  local name
  for name in $(pod ps -a --filter "label=com.docker.compose.project=$1" --format '{{.Names}}'); do
    pod logs "$name" >"$WORK/logs/$name${2:-}.log" 2>&1
  done
}

# Each container's log into $WORK/logs, then every project's containers, networks and volumes gone.
remove_projects() {
  local project
  for project in "$@"; do
    save_logs "$project"
    compose_as "$project" "" down -v --remove-orphans -t 10 >>"$WORK/logs/compose-down.log" 2>&1 || true
  done
}

# Project $1's containers' memory as `docker stats` shows it (cgroup usage): the total, then each.
project_memory() { # project
  local ids
  ids=$(pod ps -q --filter "label=com.docker.compose.project=$1")
  # shellcheck disable=SC2086
  pod stats --no-stream --format '{{.Name}} {{.ContainerStats.MemUsage}}' $ids | awk -v project="$1" '
    { name = $1; sub("^" project "[_-]", "", name); sub("[_-]1$", "", name)
      mib = $2 / 1048576; total += mib; each = each sprintf(", %s %.0f", name, mib) }
    END { printf "%.0f MiB (%s)\n", total, substr(each, 3) }'
}
