#!/usr/bin/env bash
# Compose end to end, on a machine without a Docker engine: the project's docker-compose.yml,
# unchanged, brought up by docker-compose 1.29 against rootful podman's Docker API, with the Jib
# images and stand-in images for the stores and the gateway (scripts/compose-e2e/). Then what a
# user does: the README walkthrough through the gateway, docs/docker-compose.md's
# `docker compose exec` commands, a second copy of the system (`-p second`, other ports) healthy
# beside the first, `down` + `up` keeping the users, and `down -v` leaving nothing behind.
#
#   sudo scripts/compose-e2e.sh        # .ci/run runs it; needs podman, runc, debootstrap, docker-compose
#
# The first copy publishes the compose file's defaults (gateway on :80) unless GATEWAY_PORT,
# USER_SERVICE_PORT or CHAT_SERVICE_PORT say otherwise; the second copy takes free ports. The
# podman parts are the container smoke test's (scripts/smoke/); everything lives under
# $COMPOSE_E2E_WORK_DIR (default target/compose-e2e) and is removed on exit, logs excepted.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for part in prerequisites podman base-image images stores; do
  source "$ROOT_DIR/scripts/smoke/$part.sh"
done
for part in stand-ins compose checks; do
  source "$ROOT_DIR/scripts/compose-e2e/$part.sh"
done

START=$SECONDS
WORK=${COMPOSE_E2E_WORK_DIR:-$ROOT_DIR/target/compose-e2e}
CACHE=${SMOKE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/practical-system-design/container-smoke}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SERVICES=(user-service chat-service)
FIRST=compose-e2e SECOND=second
FIRST_PORTS="GATEWAY_PORT=${GATEWAY_PORT:-80} USER_SERVICE_PORT=${USER_SERVICE_PORT:-8001} CHAT_SERVICE_PORT=${CHAT_SERVICE_PORT:-8002}"
took() { echo "[$((SECONDS - START))s]"; }

smoke_prerequisites
require docker-compose "apt-get install -y --no-install-recommends docker-compose"
require debootstrap "apt-get install -y debootstrap"
smoke_work_dir
podman_setup

cleanup() {
  local status=$?
  set +e
  [ -z "${API_PID:-}" ] || remove_projects "$SECOND" "$FIRST"
  stop_podman_api
  podman_teardown
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

base_image
build_images
load_images
fetch_dynamodb_local
build_stand_ins
for service in "${SERVICES[@]}"; do pod tag "${IMAGE[$service]}" "$(compose_image "$service")"; done
start_podman_api
start_health_timers

log "docker-compose up -d ($FIRST: $FIRST_PORTS) $(took)"
up_started=$SECONDS
compose_as "$FIRST" "$FIRST_PORTS" up -d >"$WORK/logs/compose-up-$FIRST.log" 2>&1 \
  || die "docker-compose up failed; see $WORK/logs/compose-up-$FIRST.log"
await_healthy_project "$FIRST" 600
GATEWAY=http://127.0.0.1:${FIRST_PORTS#GATEWAY_PORT=}
GATEWAY=${GATEWAY%% *}
HEALTHY_AFTER=$((SECONDS - up_started))
log "$FIRST: every container healthy ${HEALTHY_AFTER}s after up $(took)"
# As the README has it (`up -d --wait`, then curl): the first requests come the moment every
# container is healthy, with no retries.
log "the README walkthrough through $GATEWAY $(took)"
PROJECT=$FIRST readme_walkthrough "$GATEWAY"
log "docs/docker-compose.md's docker compose exec commands $(took)"
PROJECT=$FIRST store_commands
MEMORY=$(project_memory "$FIRST")
log "memory after the walkthrough (podman stats): $MEMORY"

SECOND_PORTS="GATEWAY_PORT=$(free_port) USER_SERVICE_PORT=$(free_port) CHAT_SERVICE_PORT=$(free_port)"
log "a second copy beside it: -p $SECOND ($SECOND_PORTS) $(took)"
second_started=$SECONDS
compose_as "$SECOND" "$SECOND_PORTS" up -d >"$WORK/logs/compose-up-$SECOND.log" 2>&1 \
  || die "docker-compose -p $SECOND up failed; see $WORK/logs/compose-up-$SECOND.log"
await_healthy_project "$SECOND" 600
await_healthy_project "$FIRST" 10
log "$SECOND: every container healthy $((SECONDS - second_started))s after up, $FIRST still healthy $(took)"
SECOND_GATEWAY=http://127.0.0.1:${SECOND_PORTS#GATEWAY_PORT=}
SECOND_GATEWAY=${SECOND_GATEWAY%% *}
gateway_get "$SECOND_GATEWAY" /health | grep -q '"status":"healthy"' || die "the second copy's gateway is not healthy"
[ "$(gateway_get "$SECOND_GATEWAY" '/api/users?limit=10')" = "[]" ] || die "the second copy shares the first one's users"
log "both copies healthy at once; removing the second (down -v) $(took)"
save_logs "$SECOND"
compose_as "$SECOND" "$SECOND_PORTS" down -v -t 10 >"$WORK/logs/compose-down-$SECOND.log" 2>&1 \
  || die "docker-compose -p $SECOND down -v failed"

ALICE_BEFORE=$(gateway_get "$GATEWAY" /api/users/1)
log "down + up keeps the users $(took)"
save_logs "$FIRST" -first-up
compose_as "$FIRST" "$FIRST_PORTS" down -t 10 >"$WORK/logs/compose-down-$FIRST.log" 2>&1 || die "docker-compose down failed"
again_started=$SECONDS
compose_as "$FIRST" "$FIRST_PORTS" up -d >>"$WORK/logs/compose-up-$FIRST.log" 2>&1 || die "docker-compose up (again) failed"
await_healthy_project "$FIRST" 600
AGAIN_AFTER=$((SECONDS - again_started))
[ "$(gateway_get "$GATEWAY" /api/users/1 | jq -c 'del(.created_at)')" = "$(jq -c 'del(.created_at)' <<<"$ALICE_BEFORE")" ] \
  || die "user 1 did not survive down + up: $ALICE_BEFORE"

log "down -v leaves nothing behind $(took)"
save_logs "$FIRST"
compose_as "$FIRST" "$FIRST_PORTS" down -v -t 10 >>"$WORK/logs/compose-down-$FIRST.log" 2>&1 || die "docker-compose down -v failed"
for project in "$FIRST" "$SECOND"; do
  left=$(pod ps -aq --filter "label=com.docker.compose.project=$project"; pod volume ls -q --filter "label=com.docker.compose.project=$project"; pod network ls -q --filter "label=com.docker.compose.project=$project")
  [ -z "$left" ] || die "down -v left behind in $project: $left"
done

echo "compose e2e: README walkthrough, store commands, a second copy beside it, down + up keeps the users, down -v cleans up: OK in $((SECONDS - START))s"
echo "compose footprint: every container healthy ${HEALTHY_AFTER}s after \`up -d\` (${AGAIN_AFTER}s after down + up); memory after the walkthrough $MEMORY"
