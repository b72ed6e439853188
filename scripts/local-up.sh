#!/usr/bin/env bash
# Brings the whole system up on this machine without containers: PostgreSQL and Redis (reused if
# already listening, otherwise started from the OS install), DynamoDB Local from Maven Central,
# both service jars and nginx as the gateway. Idempotent: whatever already runs is left alone.
#
# Everything it starts keeps its log and PID file under one run directory ($RUN_DIR, default
# .run/); scripts/local-down.sh stops exactly that. Settings (env): GATEWAY_PORT (8080),
# USER_SERVICE_PORT (8001), CHAT_SERVICE_PORT (8002), USER_MANAGEMENT_PORT (9001),
# CHAT_MANAGEMENT_PORT (9002), DYNAMODB_PORT (8000), SERVICE_MEMORY (512m: each service's JVM
# sizes itself as in a container with this memory limit), and the services' own DATABASE_URL,
# REDIS_URL, CACHE_TTL_SECONDS, DYNAMODB_ENDPOINT, AWS_REGION.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUN_DIR=${RUN_DIR:-$ROOT_DIR/.run}
GATEWAY_PORT=${GATEWAY_PORT:-8080}
USER_SERVICE_PORT=${USER_SERVICE_PORT:-8001}
CHAT_SERVICE_PORT=${CHAT_SERVICE_PORT:-8002}
USER_MANAGEMENT_PORT=${USER_MANAGEMENT_PORT:-9001}
CHAT_MANAGEMENT_PORT=${CHAT_MANAGEMENT_PORT:-9002}
DYNAMODB_PORT=${DYNAMODB_PORT:-8000}
SERVICE_MEMORY=${SERVICE_MEMORY:-512m}   # the chart's default memory limit

export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/users}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export CACHE_TTL_SECONDS=${CACHE_TTL_SECONDS:-3600}
export DYNAMODB_ENDPOINT=${DYNAMODB_ENDPOINT:-http://127.0.0.1:$DYNAMODB_PORT}
export AWS_REGION=${AWS_REGION:-us-east-1}
export CHAT_TABLES_CREATE_MISSING=${CHAT_TABLES_CREATE_MISSING:-true}

mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids" "$RUN_DIR/nginx"

# --- prerequisites ---------------------------------------------------------------------------
select_jdk
require curl "sudo apt-get install curl"
require nginx "sudo apt-get install nginx (only the binary is used; no system service is needed)"
require envsubst "sudo apt-get install gettext-base"

# A process of ours is running when its PID file names a live process.
running() { [ -f "$RUN_DIR/pids/$1.pid" ] && kill -0 "$(cat "$RUN_DIR/pids/$1.pid")" 2>/dev/null; }

# Starts "$@" in the background, detached from this shell, logging to logs/<name>.log.
start() {
  local name=$1; shift
  nohup setsid "$@" >>"$RUN_DIR/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/pids/$name.pid"
}

# Refuses to start a component whose port something else already holds.
claim_port() {
  local name=$1 port=$2
  if port_open 127.0.0.1 "$port"; then
    die "port $port (for $name) is already in use by another program; set the matching *_PORT variable"
  fi
}

url_part() { # host or port of a redis:// or postgresql:// URL
  local rest=${1#*://}; rest=${rest#*@}; rest=${rest%%/*}
  if [ "$2" = host ]; then echo "${rest%%:*}"; else [[ $rest == *:* ]] && echo "${rest##*:}" || echo "$3"; fi
}

# --- PostgreSQL ------------------------------------------------------------------------------
ensure_postgres() {
  local host port version
  host=$(url_part "$DATABASE_URL" host); port=$(url_part "$DATABASE_URL" port 5432)
  if ! port_open "$host" "$port"; then
    [ "$host" = 127.0.0.1 ] || [ "$host" = localhost ] || die "PostgreSQL at $host:$port is not reachable"
    command -v pg_ctlcluster >/dev/null || die "PostgreSQL is not running and not installed: sudo apt-get install postgresql"
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    log "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    echo "$version" >"$RUN_DIR/pids/postgres.started"
    wait_until "PostgreSQL" 30 port_open "$host" "$port"
  fi
  local database=${DATABASE_URL##*/}; database=${database%%\?*}
  local admin_url=${DATABASE_URL%/*}/postgres
  if command -v psql >/dev/null && ! psql "$admin_url" -Atqc "select 1 from pg_database where datname = '$database'" | grep -q 1; then
    log "creating database $database"
    psql "$admin_url" -qc "create database \"$database\""
  fi
}

# --- Redis -----------------------------------------------------------------------------------
ensure_redis() {
  local host port
  host=$(url_part "$REDIS_URL" host); port=$(url_part "$REDIS_URL" port 6379)
  if ! port_open "$host" "$port"; then
    [ "$host" = 127.0.0.1 ] || [ "$host" = localhost ] || die "Redis at $host:$port is not reachable"
    command -v redis-server >/dev/null || die "Redis is not running and not installed: sudo apt-get install redis-server"
    log "starting Redis on $port"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
      --pidfile "$RUN_DIR/pids/redis-server.pid" --logfile "$RUN_DIR/logs/redis.log"
    echo "$port" >"$RUN_DIR/pids/redis.started"
    wait_until "Redis" 30 port_open "$host" "$port"
  fi
}

# --- jars ------------------------------------------------------------------------------------
jar_of() { ls "$ROOT_DIR/$1/target/$1"-*.jar 2>/dev/null | grep -v -- '-plain\|-tests\|-sources' | head -n 1; }

# True when a jar is missing or older than any source or pom it is built from.
jars_outdated() {
  local service jar
  [ -d "$ROOT_DIR/scripts/dynamodb-local/target/lib" ] || return 0
  for service in user-service chat-service; do
    jar=$(jar_of "$service")
    [ -n "$jar" ] || return 0
    [ -z "$(find "$ROOT_DIR/pom.xml" "$ROOT_DIR/common/pom.xml" "$ROOT_DIR/common/src/main" \
      "$ROOT_DIR/$service/pom.xml" "$ROOT_DIR/$service/src/main" -newer "$jar" -print -quit)" ] || return 0
  done
  return 1
}

ensure_jars() {
  if jars_outdated; then
    log "building the service jars (./mvnw package -DskipTests; only when the sources changed)"
    (cd "$ROOT_DIR" && ./mvnw -B -q -ntp -pl user-service,chat-service -am package -DskipTests)
  fi
}

# --- components ------------------------------------------------------------------------------
start_dynamodb() {
  [ "$DYNAMODB_ENDPOINT" = "http://127.0.0.1:$DYNAMODB_PORT" ] || return 0   # someone else's DynamoDB
  running dynamodb-local && return 0
  claim_port dynamodb-local "$DYNAMODB_PORT"
  mkdir -p "$RUN_DIR/dynamodb-data"
  log "starting DynamoDB Local on $DYNAMODB_PORT"
  # Full JIT (no -XX:TieredStopAtLevel=1 as the short-lived test instances use): it starts as fast
  # here (3.4 s to the stack being up) and serves a warm chat read about 25 % faster (666 -> 845 req/s).
  (cd "$RUN_DIR/dynamodb-data" && start dynamodb-local "$JAVA_HOME/bin/java" -Xmx256m \
    -cp "$ROOT_DIR/scripts/dynamodb-local/target/lib/*" com.amazonaws.services.dynamodbv2.local.main.ServerRunner \
    -sharedDb -dbPath "$RUN_DIR/dynamodb-data" -disableTelemetry -port "$DYNAMODB_PORT")
}

# --- faster starts ------------------------------------------------------------------------------
# A service runs from its jar extracted in Spring Boot's layout (java -Djarmode=tools extract), so
# the JVM can keep what a start loads and links in a cache: one training start, which stops once
# the application context is up, writes it; every later start reads it and is about twice as fast.
# JDK 25+: the AOT cache (JEP 483/514); JDK 21-24: a CDS archive. It lives beside the jar, in
# <service>/target/launch, and is made again whenever the jar is newer.
AOT_CACHE_JDK=$([ "$(java_major "$JAVA_HOME")" -ge 25 ] && echo yes || echo no)
aot_flags() { # write|read, cache file
  if [ "$AOT_CACHE_JDK" = yes ]; then
    [ "$1" = write ] && echo "-XX:AOTCacheOutput=$2.aot" || echo "-XX:AOTCache=$2.aot"
  else
    [ "$1" = write ] && echo "-XX:ArchiveClassesAtExit=$2.jsa" || echo "-XX:SharedArchiveFile=$2.jsa"
  fi
}

# Prints the java arguments that start the service, extracting and training first when needed.
launch_args() { # service, then the JVM options it starts with
  local name=$1 jar dir app
  shift
  jar=$(jar_of "$name")
  dir=$ROOT_DIR/$name/target/launch
  app=$dir/app/$(basename "$jar")
  exec 8>"$ROOT_DIR/$name/target/launch.lock"
  flock 8   # another local run (a test, the benchmark) may be preparing the same jar
  # Trained again for a new jar or other JVM options, which the JVM may refuse a cache made without.
  if [ ! -f "$dir/trained" ] || [ "$jar" -nt "$dir/trained" ] || [ "$(cat "$dir/trained")" != "$*" ]; then
    rm -rf "$dir"
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >/dev/null \
      || die "could not extract $jar"
    log "training $name's start-up cache (once per build)" >&2
    if "$JAVA_HOME/bin/java" "$@" "$(aot_flags write "$dir/cache")" -Dspring.context.exit=onRefresh -jar "$app" \
        >"$RUN_DIR/logs/$name-training.log" 2>&1; then
      echo "$*" >"$dir/trained"
    else
      log "$name's training start failed (see $RUN_DIR/logs/$name-training.log); starting without the cache" >&2
    fi
  fi
  flock -u 8
  [ -f "$dir/trained" ] && echo "$(aot_flags read "$dir/cache")"
  echo "-jar"
  echo "$app"
}

start_service() {
  local name=$1 port=$2 management_port=$3
  running "$name" && return 0
  claim_port "$name" "$port"
  claim_port "$name management" "$management_port"
  export SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT=$management_port \
    MANAGEMENT_SERVER_ADDRESS=127.0.0.1
  # The image's JVM flags (pom.xml, Jib's jvmFlags), with MaxRAM standing in for the container's
  # memory limit: the heap is sized exactly as in a pod or a compose container with that limit.
  local jvm=("-XX:MaxRAM=$SERVICE_MEMORY" -XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+UseSerialGC
    -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED) launch
  mapfile -t launch < <(launch_args "$name" "${jvm[@]}")
  [ "${#launch[@]}" -ge 2 ] || die "could not prepare $name to start"
  log "starting $name on $port (actuator on $management_port)"
  start "$name" "$JAVA_HOME/bin/java" "${jvm[@]}" "${launch[@]}"
}

start_gateway() {
  running gateway && return 0
  claim_port gateway "$GATEWAY_PORT"
  GATEWAY_LISTEN=127.0.0.1:$GATEWAY_PORT USER_SERVICE_ADDR=127.0.0.1:$USER_SERVICE_PORT \
    CHAT_SERVICE_ADDR=127.0.0.1:$CHAT_SERVICE_PORT \
    envsubst '${GATEWAY_LISTEN} ${USER_SERVICE_ADDR} ${CHAT_SERVICE_ADDR}' \
    <"$ROOT_DIR/nginx/nginx.conf" >"$RUN_DIR/nginx/nginx.conf"
  nginx -q -t -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" -g "pid $RUN_DIR/nginx/nginx.pid;" \
    || die "nginx rejected $RUN_DIR/nginx/nginx.conf"
  log "starting the gateway (nginx) on 127.0.0.1:$GATEWAY_PORT"
  start gateway nginx -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" \
    -g "daemon off; pid $RUN_DIR/nginx/nginx.pid;"
}

ready() { curl -fsS "http://127.0.0.1:$1/actuator/health/readiness" | grep -q '"UP"'; }

await() {
  local name=$1; shift
  local deadline=$((SECONDS + 120))
  until "$@" >/dev/null 2>&1; do
    running "$name" || die "$name exited during start-up; see $RUN_DIR/logs/$name.log"
    [ "$SECONDS" -lt "$deadline" ] || die "$name did not become ready within 120s; see $RUN_DIR/logs/$name.log"
    sleep 0.2
  done
}

ensure_postgres
ensure_redis
ensure_jars
start_dynamodb
[ -f "$RUN_DIR/pids/dynamodb-local.pid" ] && await dynamodb-local port_open 127.0.0.1 "$DYNAMODB_PORT"
# One service after the other: on a small machine two JVMs starting at once each take twice as long.
start_service user-service "$USER_SERVICE_PORT" "$USER_MANAGEMENT_PORT"
await user-service ready "$USER_MANAGEMENT_PORT"
start_service chat-service "$CHAT_SERVICE_PORT" "$CHAT_MANAGEMENT_PORT"
start_gateway
await chat-service ready "$CHAT_MANAGEMENT_PORT"
await gateway curl -fsS "http://127.0.0.1:$GATEWAY_PORT/health"

cat <<SUMMARY

Practical System Design is up (run directory: $RUN_DIR)
  gateway        http://127.0.0.1:$GATEWAY_PORT          try: curl http://127.0.0.1:$GATEWAY_PORT/api/users
  user-service   http://127.0.0.1:$USER_SERVICE_PORT          actuator http://127.0.0.1:$USER_MANAGEMENT_PORT/actuator/health
  chat-service   http://127.0.0.1:$CHAT_SERVICE_PORT          actuator http://127.0.0.1:$CHAT_MANAGEMENT_PORT/actuator/health
  PostgreSQL     $DATABASE_URL
  Redis          $REDIS_URL
  DynamoDB       $DYNAMODB_ENDPOINT
  logs           $RUN_DIR/logs/   (tail -f $RUN_DIR/logs/user-service.log shows CACHE HIT / CACHE MISS)
Stop everything with: scripts/local-down.sh
SUMMARY
