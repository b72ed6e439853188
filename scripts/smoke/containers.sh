#!/usr/bin/env bash
# Part of scripts/container-smoke.sh (sourced): the service containers, run as in Kubernetes (the
# image's own user, nothing writable but /tmp, no capabilities, no privilege escalation), on the
# host network with their ports moved off the defaults. Sets PORT and MANAGEMENT_PORT per service.

CONTAINERS=()
declare -A PORT MANAGEMENT_PORT

container_of() { echo "smoke-$1-$$"; }

run_service() { # service, then its environment as NAME=value
  local service=$1; shift
  local container env=() setting
  container=$(container_of "$service")
  PORT[$service]=$(free_port)
  MANAGEMENT_PORT[$service]=$(free_port)
  for setting in "$@"; do env+=(-e "$setting"); done
  CONTAINERS+=("$container")
  pod run -d --name "$container" --network=host --read-only --tmpfs /tmp --cap-drop=ALL \
    --security-opt=no-new-privileges --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
    -e SERVER_PORT="${PORT[$service]}" -e SERVER_ADDRESS=127.0.0.1 \
    -e MANAGEMENT_SERVER_PORT="${MANAGEMENT_PORT[$service]}" -e MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
    "${env[@]}" "${IMAGE[$service]}" >/dev/null 2>"$WORK/logs/podman-run-$service.log" \
    || die "podman run of $service failed: $(tail -n 1 "$WORK/logs/podman-run-$service.log")"
}

# Readiness UP within 180 s, or the container's log and a line saying why not.
await_ready() {
  local service=$1 container deadline=$((SECONDS + 180))
  container=$(container_of "$service")
  until curl -fsS --max-time 2 "http://127.0.0.1:${MANAGEMENT_PORT[$service]}/actuator/health/readiness" 2>/dev/null \
      | grep -q '"status":"UP"'; do
    if [ "$(pod inspect --format '{{.State.Running}}' "$container" 2>/dev/null)" != true ]; then
      pod logs "$container" >"$WORK/logs/$container.log" 2>&1
      die "$service exited during start-up; see $WORK/logs/$container.log"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      pod logs "$container" >"$WORK/logs/$container.log" 2>&1
      die "$service was not ready within 180s; see $WORK/logs/$container.log"
    fi
    sleep 0.5
  done
}

# Each container's log into $WORK/logs, then the containers removed.
stop_containers() {
  local container
  for container in "${CONTAINERS[@]}"; do
    pod logs "$container" >"$WORK/logs/$container.log" 2>&1
  done
  [ "${#CONTAINERS[@]}" = 0 ] || pod rm -f -t 10 "${CONTAINERS[@]}" >/dev/null 2>&1
}
