#!/usr/bin/env bash
# Container smoke test of the Jib images, in real containers, on a machine without a Docker
# engine. What it proves: each image starts as its own non-root user on a read-only root
# filesystem with no capabilities, passes the docker-compose healthcheck, and answers a real
# request through its port. One part a step, under scripts/smoke/:
#
#   prerequisites.sh  root, the tools, a JDK with jlink
#   podman.sh         a rootful podman (runc) whose storage lives under $SMOKE_WORK_DIR
#   base-image.sh     a small JRE base image built offline (debootstrap + jlink), cached
#   images.sh         both service images from the project's Jib configuration
#                     (jib:buildTar -Djib.from.image=tar://<that base>), loaded and checked
#   stores.sh         a PostgreSQL, a Redis and a DynamoDB Local of its own
#   containers.sh     each image run with --network=host --read-only --tmpfs /tmp --cap-drop=ALL
#   probes.sh         readiness, the compose healthcheck inside, uid 1000, read-only root,
#                     /health healthy, a create + read of a user and of a chat
#
# Everything podman stores lives under $SMOKE_WORK_DIR (default target/container-smoke) and is
# removed on exit, with the containers, images and stores; the logs stay in $SMOKE_WORK_DIR/logs.
# Settings (env): SMOKE_WORK_DIR, SMOKE_CACHE_DIR, SMOKE_STORAGE_DRIVER, DEBIAN_MIRROR.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/smoke/prerequisites.sh"
source "$(dirname "${BASH_SOURCE[0]}")/smoke/podman.sh"
source "$(dirname "${BASH_SOURCE[0]}")/smoke/base-image.sh"
source "$(dirname "${BASH_SOURCE[0]}")/smoke/images.sh"
source "$(dirname "${BASH_SOURCE[0]}")/smoke/stores.sh"
source "$(dirname "${BASH_SOURCE[0]}")/smoke/containers.sh"
source "$(dirname "${BASH_SOURCE[0]}")/smoke/probes.sh"

START=$SECONDS
WORK=${SMOKE_WORK_DIR:-$ROOT_DIR/target/container-smoke}
CACHE=${SMOKE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/practical-system-design/container-smoke}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SERVICES=(user-service chat-service)

smoke_prerequisites
smoke_work_dir
podman_setup

# Everything this run created, whatever happened.
cleanup() {
  local status=$?
  set +e
  stop_containers
  podman_teardown
  stop_stores
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

base_image
build_images
load_images
start_stores
await_stores
log "starting both containers (read-only root, no capabilities, host network) [$((SECONDS - START))s]"
run_service user-service \
  DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/users" \
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" \
  CACHE_TTL_SECONDS=60
run_service chat-service \
  DYNAMODB_ENDPOINT="http://127.0.0.1:$DYNAMODB_PORT" AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
  CHATS_TABLE=Chats CHAT_PARTICIPANTS_TABLE=ChatParticipants CHAT_TABLES_CREATE_MISSING=true

for service in "${SERVICES[@]}"; do await_ready "$service"; done
log "both ready; checking them [$((SECONDS - START))s]"
for service in "${SERVICES[@]}"; do check_container "$service"; done
for service in "${SERVICES[@]}"; do await_healthy "$service"; done
round_trips

echo "container smoke: user-service OK, chat-service OK (uid 1000, read-only root, no capabilities; compose healthcheck, /health, create + read) in $((SECONDS - START))s"
