#!/usr/bin/env bash
# Container smoke test of the Jib images, in real containers, on a machine without a Docker
# engine. What it proves: each image starts as its own non-root user on a read-only root
# filesystem with no capabilities, passes the docker-compose healthcheck, and answers a real
# request through its port.
#
#   1. A small JRE base image, built offline: a Debian minbase root (debootstrap) plus a runtime
#      jlink'ed from the JDK here. Cached in ~/.cache/practical-system-design/container-smoke,
#      keyed on the JDK version and this recipe, so only the first run pays for it.
#   2. Both service images from the project's own Jib configuration:
#      jib:buildTar -Djib.from.image=tar://<that base>.
#   3. Rootful podman (runc) runs each image with --network=host --read-only --tmpfs /tmp
#      --cap-drop=ALL, as the image's user, against a PostgreSQL, a Redis and a DynamoDB Local of
#      its own (scripts/private-store.sh, as the local run starts them).
#   4. Requires: readiness UP, the compose healthcheck command run inside the container, /health
#      healthy, uid 1000, a read-only root, and a create + read of a user and of a chat.
#
# Everything podman stores lives under $SMOKE_WORK_DIR (default target/container-smoke) and is
# removed on exit, with the containers, images and stores; the logs stay in $SMOKE_WORK_DIR/logs.
#
# Needs root (rootful podman) and: apt-get install podman runc debootstrap docker-compose jq curl
# (.ci/run installs them). Settings (env): SMOKE_WORK_DIR, SMOKE_CACHE_DIR, DEBIAN_MIRROR.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

START=$SECONDS
WORK=${SMOKE_WORK_DIR:-$ROOT_DIR/target/container-smoke}
CACHE=${SMOKE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/practical-system-design/container-smoke}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SERVICES=(user-service chat-service)
# What the services need from a JRE: java.se plus the JDK modules Netty, the AWS SDK, the
# PostgreSQL driver and Actuator use.
JRE_MODULES=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.localedata,jdk.naming.dns,jdk.net,jdk.management,jdk.management.agent,jdk.jfr,jdk.zipfs,jdk.security.auth,jdk.security.jgss,jdk.nio.mapmode

# --- prerequisites ---------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || die "run it as root: it needs rootful podman (rootless podman cannot run here)"
for tool in podman:podman runc:runc curl:curl jq:jq python3:python3; do
  require "${tool%%:*}" "apt-get install -y ${tool#*:}"
done
python3 -c 'import yaml' 2>/dev/null || die "python3-yaml is missing: apt-get install -y python3-yaml"
select_jdk
[ -x "$JAVA_HOME/bin/jlink" ] || die "$JAVA_HOME has no jlink: set JAVA_HOME to a JDK 21+ (not a JRE)"

mkdir -p "$WORK" "$CACHE"
exec 9>"$WORK/.lock"
flock -n 9 || die "another container smoke run is using $WORK"
rm -rf "$WORK/logs" && mkdir -p "$WORK/logs"

# overlay storage when the kernel lets us mount it here (fast); vfs otherwise (copies every layer).
overlay_mounts() {
  local probe=$WORK/overlay-probe ok=1
  rm -rf "$probe" && mkdir -p "$probe/lower" "$probe/upper" "$probe/work" "$probe/merged"
  if mount -t overlay overlay -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" \
      "$probe/merged" 2>/dev/null; then
    umount "$probe/merged" && ok=0
  fi
  rm -rf "$probe"
  return "$ok"
}
STORAGE_DRIVER=${SMOKE_STORAGE_DRIVER:-$(overlay_mounts && echo overlay || echo vfs)}

# podman with its storage under $WORK and its run state in a short-lived directory (podman
# refuses a runroot path over 50 characters): /var/lib/containers is never read or written.
RUNROOT=$(mktemp -d /tmp/psd-smoke.XXXXXX)
pod() {
  podman --root "$WORK/storage" --runroot "$RUNROOT/run" --tmpdir "$RUNROOT/tmp" \
    --storage-driver "$STORAGE_DRIVER" --cgroup-manager cgroupfs --events-backend file --runtime runc \
    --log-level error "$@"
}

# --- cleanup: everything this run created, whatever happened ---------------------------------
CONTAINERS=() DYNAMODB_PID=""
STORES=$WORK/stores
cleanup() {
  local status=$?
  set +e
  local container
  for container in "${CONTAINERS[@]}"; do
    pod logs "$container" >"$WORK/logs/$container.log" 2>&1
  done
  [ "${#CONTAINERS[@]}" = 0 ] || pod rm -f -t 10 "${CONTAINERS[@]}" >/dev/null 2>&1
  pod rmi -a -f >/dev/null 2>&1
  findmnt -rn -o TARGET | grep -F -e "$WORK/" -e "$RUNROOT/" | sort -r | xargs -r -n 1 umount -l 2>/dev/null
  rm -rf "$WORK/storage" "$WORK/base" "$RUNROOT"
  if [ -n "$DYNAMODB_PID" ] && kill -0 "$DYNAMODB_PID" 2>/dev/null; then
    kill "$DYNAMODB_PID" 2>/dev/null
    wait "$DYNAMODB_PID" 2>/dev/null
  fi
  "$ROOT_DIR/scripts/private-store.sh" stop postgres "$STORES/postgres" immediate >/dev/null 2>&1
  "$ROOT_DIR/scripts/private-store.sh" stop redis "$STORES/redis" >/dev/null 2>&1
  rm -rf "$STORES"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. the JRE base image (cached) ----------------------------------------------------------
build_base() {
  local dir=$WORK/base rootfs=$WORK/base/rootfs
  require debootstrap "apt-get install -y debootstrap (needed once, to build the cached base image)"
  log "building the JRE base image (first run only): debootstrap + jlink from $JAVA_HOME"
  rm -rf "$dir" && mkdir -p "$dir"
  debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" >"$WORK/logs/debootstrap.log" 2>&1 \
    || die "debootstrap of Debian bookworm from $DEBIAN_MIRROR failed; see $WORK/logs/debootstrap.log"
  rm -rf "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
    "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  mkdir -p "$rootfs/opt/java"
  "$JAVA_HOME/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-header-files --no-man-pages \
    --output "$rootfs/opt/java/openjdk" >"$WORK/logs/jlink.log" 2>&1 || die "jlink failed; see $WORK/logs/jlink.log"
  # The default class-data-sharing archive, as a JDK ships it: a faster start.
  "$rootfs/opt/java/openjdk/bin/java" -Xshare:dump >>"$WORK/logs/jlink.log" 2>&1 || true
  # Laid out like eclipse-temurin: java on the PATH, JAVA_HOME set, bash present for the
  # docker-compose healthcheck.
  tar -C "$rootfs" -c . | pod import -q \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    - localhost/container-smoke-jre:latest >/dev/null || die "podman import of the base root filesystem failed"
  # The format `docker save` writes, which is what Jib reads from tar://.
  pod save -q --format docker-archive -o "$BASE_TAR.partial" localhost/container-smoke-jre:latest >/dev/null \
    || die "podman save of the base image failed"
  mv "$BASE_TAR.partial" "$BASE_TAR"
  rm -rf "$dir"
}

jdk_version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$JAVA_HOME/release")
recipe=$( { declare -f build_base; echo "$JRE_MODULES"; } | sha256sum | cut -c1-12)
BASE_TAR=$CACHE/jre-base-bookworm-${jdk_version:-unknown}-$recipe.tar
if [ -s "$BASE_TAR" ]; then
  log "JRE base image: $BASE_TAR (cached)"
else
  build_base
  log "JRE base image: $BASE_TAR (built in $((SECONDS - START))s)"
  # Older bases (other JDK versions or recipes) are never used again.
  find "$CACHE" -maxdepth 1 -name 'jre-base-*.tar' ! -path "$BASE_TAR" -delete
fi

# --- 2. the service images, from the project's Jib configuration -----------------------------
log "building both images with Jib (jib:buildTar from the base above) [$((SECONDS - START))s]"
revision=$(git -C "$ROOT_DIR" rev-parse HEAD 2>/dev/null || echo unknown)
# The goal by its coordinates, not the jib: prefix: -am brings in scripts/stores, which
# is not a child of the root pom and so cannot resolve the prefix.
jib_version=$(sed -n 's:.*<jib-maven-plugin.version>\(.*\)</jib-maven-plugin.version>.*:\1:p' "$ROOT_DIR/pom.xml")
[ -n "$jib_version" ] || die "no <jib-maven-plugin.version> in $ROOT_DIR/pom.xml"
(cd "$ROOT_DIR" && ./mvnw -B -ntp -pl user-service,chat-service -am package \
  "com.google.cloud.tools:jib-maven-plugin:$jib_version:buildTar" -DskipTests \
  -Djib.from.image="tar://$BASE_TAR" -Djib.disableUpdateChecks=true -Dgit.revision="$revision") \
  >"$WORK/logs/maven.log" 2>&1 || die "the Jib build failed; see $WORK/logs/maven.log"

log "loading both images into podman ($STORAGE_DRIVER storage under $WORK) [$((SECONDS - START))s]"
declare -A IMAGE DEFAULT_MANAGEMENT_PORT
for service in "${SERVICES[@]}"; do
  tarball=$ROOT_DIR/$service/target/jib-image.tar
  [ -s "$tarball" ] || die "Jib wrote no $tarball"
  loaded=$(pod load -q -i "$tarball" 2>&1) || die "podman load $tarball failed: $loaded"
  IMAGE[$service]=$(awk '/^Loaded image/ {print $NF}' <<<"$loaded" | tr ',' '\n' | grep -m1 "/$service:latest$" || true)
  [ -n "${IMAGE[$service]}" ] || die "$service's image is not tagged latest (podman load said: $loaded)"
  user=$(pod image inspect --format '{{.Config.User}}' "${IMAGE[$service]}")
  [ "$user" = 1000:1000 ] || die "$service's image runs as '$user', not 1000:1000"
  label=$(pod image inspect --format '{{index .Labels "org.opencontainers.image.revision"}}' "${IMAGE[$service]}")
  [ "$label" = "$revision" ] || die "$service's image has revision label '$label', not $revision"
  # The ports the image declares, from the service's pom (the same numbers as its application.yml).
  ports=$(pod image inspect --format '{{range $port, $_ := .Config.ExposedPorts}}{{$port}} {{end}}' "${IMAGE[$service]}")
  for property in container.service-port container.management-port; do
    port=$(sed -n "s:.*<$property>\([0-9]*\)</$property>.*:\1:p" "$ROOT_DIR/$service/pom.xml")
    [[ " $ports" == *" $port/tcp "* ]] || die "$service's image exposes '$ports', not $port ($property)"
    [ "$property" = container.service-port ] || DEFAULT_MANAGEMENT_PORT[$service]=$port
  done
done

# --- 3. the stores -------------------------------------------------------------------------
DYNAMODB_LIB=$ROOT_DIR/scripts/stores/target/dynamodb-local/lib
if [ ! -d "$DYNAMODB_LIB" ]; then
  (cd "$ROOT_DIR" && ./mvnw -B -q -ntp -f scripts/stores/pom.xml generate-resources) \
    >>"$WORK/logs/maven.log" 2>&1 || die "could not fetch the store binaries; see $WORK/logs/maven.log"
fi
PG_PORT=$(free_port)
"$ROOT_DIR/scripts/private-store.sh" start postgres "$STORES/postgres" "$PG_PORT"
REDIS_PORT=$(free_port)
"$ROOT_DIR/scripts/private-store.sh" start redis "$STORES/redis" "$REDIS_PORT"
DYNAMODB_PORT=$(free_port)
"$JAVA_HOME/bin/java" -Xmx256m -XX:TieredStopAtLevel=1 -cp "$DYNAMODB_LIB/*" \
  com.amazonaws.services.dynamodbv2.local.main.ServerRunner -inMemory -port "$DYNAMODB_PORT" \
  >"$WORK/logs/dynamodb-local.log" 2>&1 &
DYNAMODB_PID=$!

# --- 4. the containers -----------------------------------------------------------------------
declare -A PORT MANAGEMENT_PORT
run_service() { # service, then its environment as NAME=value
  local service=$1; shift
  local container=smoke-$service-$$ env=() setting
  PORT[$service]=$(free_port)
  MANAGEMENT_PORT[$service]=$(free_port)
  for setting in "$@"; do env+=(-e "$setting"); done
  CONTAINERS+=("$container")
  # As in Kubernetes: the image's own user (not given here), nothing writable but /tmp, no
  # capabilities, no privilege escalation. Host network, so the ports move off their defaults.
  pod run -d --name "$container" --network=host --read-only --tmpfs /tmp --cap-drop=ALL \
    --security-opt=no-new-privileges --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
    -e SERVER_PORT="${PORT[$service]}" -e SERVER_ADDRESS=127.0.0.1 \
    -e MANAGEMENT_SERVER_PORT="${MANAGEMENT_PORT[$service]}" -e MANAGEMENT_SERVER_ADDRESS=127.0.0.1 \
    "${env[@]}" "${IMAGE[$service]}" >/dev/null 2>"$WORK/logs/podman-run-$service.log" \
    || die "podman run of $service failed: $(tail -n 1 "$WORK/logs/podman-run-$service.log")"
}

wait_until "DynamoDB Local (see $WORK/logs/dynamodb-local.log)" 60 port_open 127.0.0.1 "$DYNAMODB_PORT"
log "starting both containers (read-only root, no capabilities, host network) [$((SECONDS - START))s]"
run_service user-service \
  DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/users" \
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" \
  CACHE_TTL_SECONDS=60
run_service chat-service \
  DYNAMODB_ENDPOINT="http://127.0.0.1:$DYNAMODB_PORT" AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
  CHATS_TABLE=Chats CHAT_PARTICIPANTS_TABLE=ChatParticipants CHAT_TABLES_CREATE_MISSING=true

container_of() { echo "smoke-$1-$$"; }

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

# The healthcheck docker-compose.yml gives the service, run inside the container, on the moved port.
compose_healthcheck() {
  local service=$1 default_port=$2
  python3 - "$ROOT_DIR/docker-compose.yml" "$service" "$default_port" "${MANAGEMENT_PORT[$service]}" <<'PY'
import sys, yaml
compose, service, default_port, port = sys.argv[1:]
test = yaml.safe_load(open(compose))["services"][service]["healthcheck"]["test"]
probe = "/dev/tcp/127.0.0.1/" + default_port
if test[:3] != ["CMD", "bash", "-c"] or probe not in test[3]:
    sys.exit(f"docker-compose.yml: {service}'s healthcheck is not a bash probe of {probe}")
print(test[3].replace("$$", "$").replace(probe, "/dev/tcp/127.0.0.1/" + port))
PY
}

check_container() {
  local service=$1 container uid command
  container=$(container_of "$service")
  command=$(compose_healthcheck "$service" "${DEFAULT_MANAGEMENT_PORT[$service]}" 2>&1) || die "$command"
  pod exec "$container" bash -c "$command" >/dev/null 2>&1 \
    || die "$service: the docker-compose healthcheck fails inside the container: $command"
  uid=$(pod exec "$container" awk '/^Uid:/ {print $2}' /proc/1/status)
  [ "$uid" = 1000 ] || die "$service: the JVM (pid 1) runs as uid '$uid', not 1000"
  if pod exec "$container" bash -c ': >/container-smoke-probe' >/dev/null 2>&1; then
    die "$service: the root filesystem is writable"
  fi
  pod exec "$container" bash -c ': >/tmp/container-smoke-probe' >/dev/null 2>&1 \
    || die "$service: /tmp is not writable"
}

# request METHOD PATH [BODY] -> prints the body; fails unless the status is the expected one
request() {
  local service=$1 expected=$2 method=$3 path=$4 body=${5:-} out status data=()
  out=$WORK/logs/response.json
  [ -z "$body" ] || data=(-H 'Content-Type: application/json' --data "$body")
  status=$(curl -sS --max-time 10 -o "$out" -w '%{http_code}' -X "$method" "${data[@]}" \
    "http://127.0.0.1:${PORT[$service]}$path") || status=000
  [ "$status" = "$expected" ] || die "$service: $method $path answered $status, expected $expected: $(head -c 300 "$out" 2>/dev/null)"
  cat "$out"
}

await_ready user-service
await_ready chat-service
log "both ready; checking them [$((SECONDS - START))s]"
check_container user-service
check_container chat-service

# /health may start out degraded: the Redis connection is opened lazily, and its first connect can
# exceed the service's 250 ms budget on a busy machine. Poll, as a load balancer would.
await_healthy() {
  local service=$1 health deadline=$((SECONDS + 30))
  until health=$(curl -sS --max-time 5 "http://127.0.0.1:${PORT[$service]}/health" 2>&1) \
      && [ "$(jq -r .status <<<"$health" 2>/dev/null)" = healthy ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "$service: /health is not healthy after 30s: $health"
    sleep 0.5
  done
}
for service in "${SERVICES[@]}"; do
  await_healthy "$service"
done

email="container-smoke-$$@example.com"
user=$(request user-service 201 POST /users "{\"name\":\"Container Smoke\",\"email\":\"$email\"}")
user_id=$(jq -r .id <<<"$user")
read_back=$(request user-service 200 GET "/users/$user_id")
[ "$(jq -r .email <<<"$read_back")" = "$email" ] || die "user-service: GET /users/$user_id returned $read_back"

chat=$(request chat-service 201 POST /chats '{"name":"Container smoke","metadata":{"type":"smoke"}}')
chat_id=$(jq -r .id <<<"$chat")
read_back=$(request chat-service 200 GET "/chats/$chat_id")
[ "$(jq -r .chat.id <<<"$read_back")" = "$chat_id" ] || die "chat-service: GET /chats/$chat_id returned $read_back"

echo "container smoke: user-service OK, chat-service OK (uid 1000, read-only root, no capabilities; compose healthcheck, /health, create + read) in $((SECONDS - START))s"
