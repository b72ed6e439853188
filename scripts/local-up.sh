#!/usr/bin/env bash
# Brings the whole system up on this machine without containers: a PostgreSQL, a Redis and a
# DynamoDB Local of its own (each on its own port, its data under the run directory), both
# service jars, and nginx as the gateway. Idempotent: whatever already runs is left alone, and
# after a failure a second run picks up where the first stopped. Linux only (x86_64, arm64).
#
# Everything it starts keeps its data, log and PID file under one run directory ($RUN_DIR,
# default .local-run/); scripts/local-down.sh stops exactly that. The machine's own PostgreSQL
# and Redis are never touched, unless DATABASE_URL or REDIS_URL point at them: then those are
# used as they are, and nothing is started in their place.
#
# Options: --no-install (never install nginx; say the command instead).
# Settings (env): GATEWAY_PORT (8080), USER_SERVICE_PORT (8001), CHAT_SERVICE_PORT (8002),
# USER_MANAGEMENT_PORT (9001), CHAT_MANAGEMENT_PORT (9002), DYNAMODB_PORT (8000), POSTGRES_PORT
# (15432), REDIS_PORT (16379), SERVICE_MEMORY (512m: each service's JVM sizes itself as in a
# container with this memory limit), NGINX (the nginx binary), STORE_BINARIES=maven (the
# PostgreSQL and Redis binaries from Maven Central even where the OS has its own), and the
# services' own DATABASE_URL, REDIS_URL, CACHE_TTL_SECONDS, DYNAMODB_ENDPOINT, AWS_REGION.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64 | Linux-aarch64 | Linux-arm64) ;;
  *) die "the local run works on Linux (x86_64, arm64) only; on $(uname -s) $(uname -m) run it with docker compose (README, \"docker compose\")" ;;
esac

INSTALL=yes
for arg in "$@"; do
  case "$arg" in
    --no-install) INSTALL=no ;;
    *) die "unknown option $arg (the only one is --no-install)" ;;
  esac
done

export RUN_DIR=${RUN_DIR:-$ROOT_DIR/.local-run}   # for the local-down.sh a failure calls
GATEWAY_PORT=${GATEWAY_PORT:-8080}
USER_SERVICE_PORT=${USER_SERVICE_PORT:-8001}
CHAT_SERVICE_PORT=${CHAT_SERVICE_PORT:-8002}
USER_MANAGEMENT_PORT=${USER_MANAGEMENT_PORT:-9001}
CHAT_MANAGEMENT_PORT=${CHAT_MANAGEMENT_PORT:-9002}
DYNAMODB_PORT=${DYNAMODB_PORT:-8000}
POSTGRES_PORT=${POSTGRES_PORT:-15432}
REDIS_PORT=${REDIS_PORT:-16379}
SERVICE_MEMORY=${SERVICE_MEMORY:-512m}   # the chart's default memory limit

# A store of the run's own unless its URL is given.
OWN_POSTGRES=$([ -z "${DATABASE_URL:-}" ] && echo yes || echo no)
OWN_REDIS=$([ -z "${REDIS_URL:-}" ] && echo yes || echo no)
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:$POSTGRES_PORT/users}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT/0}
export CACHE_TTL_SECONDS=${CACHE_TTL_SECONDS:-3600}
# Set but empty: AWS itself (the regional endpoint of AWS_REGION), and no DynamoDB Local.
export DYNAMODB_ENDPOINT=${DYNAMODB_ENDPOINT-http://127.0.0.1:$DYNAMODB_PORT}
export AWS_REGION=${AWS_REGION:-us-east-1}
export CHAT_TABLES_CREATE_MISSING=${CHAT_TABLES_CREATE_MISSING:-true}

mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids" "$RUN_DIR/nginx"
STARTED_AT=$SECONDS

# What this attempt started, stopped again if it fails: a failed start leaves nothing running.
STARTED=()
stop_what_this_attempt_started() {
  local status=$? name
  [ "$status" != 0 ] && [ "${#STARTED[@]}" -gt 0 ] || return "$status"
  for name in "${STARTED[@]}"; do
    "$ROOT_DIR/scripts/local-down.sh" --quiet --only "$name" || true
  done
  printf '%s: stopped what this attempt had started (%s); fix the line above and run it again\n' \
    "$(basename "$0")" "${STARTED[*]}" >&2
  return "$status"
}
trap stop_what_this_attempt_started EXIT

# --- prerequisites ---------------------------------------------------------------------------
select_jdk

# nginx: the one prerequisite the OS provides. On Debian or Ubuntu, installed here when allowed.
find_nginx() {
  local candidate
  for candidate in "${NGINX:-nginx}" /usr/sbin/nginx /usr/local/sbin/nginx; do
    [ -n "${NGINX:-}" ] && [ "$candidate" != "$NGINX" ] && continue   # NGINX names the only one to use
    command -v "$candidate" 2>/dev/null && return 0
  done
  return 1
}
ensure_nginx() {
  NGINX_BIN=$(find_nginx) && return 0
  local hint
  hint=$(install_hint nginx)
  if [ "$INSTALL" = no ] || [ -n "${NGINX:-}" ] || ! can_apt_install; then
    die "nginx is not installed: $hint (the gateway needs only its binary; no system service)"
  fi
  log "nginx is missing: installing it with apt-get ($hint; --no-install to do it yourself)"
  APT_LOG=$RUN_DIR/logs/apt-get.log apt_install nginx
  NGINX_BIN=$(find_nginx) || die "apt-get installed nginx, but no nginx binary is found (see $RUN_DIR/logs/apt-get.log)"
}
ensure_nginx

# A process of ours is running when its PID file names a live process whose command line has
# the given word: a PID the system reused for another program does not count.
running() { # name, word
  local file=$RUN_DIR/pids/$1.pid pid
  [ -f "$file" ] && pid=$(cat "$file") && command_line "$pid" | grep -q -- "$2"
}
command_line() { # pid; empty once the process has exited
  if [ -r "/proc/$1/cmdline" ]; then tr '\0' ' ' <"/proc/$1/cmdline"; else ps -o command= -p "$1" 2>/dev/null || true; fi
}

# Starts "$@" in the background, detached from this shell, logging to logs/<name>.log. Returns once
# the program runs: until then the child is a copy of this shell, whose command line a check of
# `running` would take for a process that has already exited.
start() {
  local name=$1 pid self; shift
  nohup setsid "$@" >>"$RUN_DIR/logs/$name.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$RUN_DIR/pids/$name.pid"
  self=$(command_line $$)
  while [ "$(command_line "$pid")" = "$self" ]; do sleep 0.05; done
}

# Refuses to start a component whose port something else already holds.
claim_port() { # name, port, the setting that moves it
  if port_open 127.0.0.1 "$2"; then
    die "port $2 (for $1) is already in use by another program: stop it, or set $3 to a free port"
  fi
}

url_part() { # host or port of a redis:// or postgresql:// URL
  local rest=${1#*://}; rest=${rest#*@}; rest=${rest%%/*}
  if [ "$2" = host ]; then echo "${rest%%:*}"; else [[ $rest == *:* ]] && echo "${rest##*:}" || echo "$3"; fi
}

# --- PostgreSQL and Redis: the run's own, or the ones the URLs name ----------------------------
start_store() { # kind, port, the setting that moves it
  local kind=$1 port=$2 setting=$3
  if "$ROOT_DIR/scripts/private-store.sh" status "$kind" "$RUN_DIR/$kind"; then
    "$ROOT_DIR/scripts/private-store.sh" start "$kind" "$RUN_DIR/$kind" "$port"   # refreshes its PID file
    return 0
  fi
  claim_port "$kind" "$port" "$setting"
  log "starting $kind on $port (data in $RUN_DIR/$kind)"
  STARTED+=("$kind")
  "$ROOT_DIR/scripts/private-store.sh" start "$kind" "$RUN_DIR/$kind" "$port"
}

given_store_answers() { # what, URL, default port
  local host port
  host=$(url_part "$2" host); port=$(url_part "$2" port "$3")
  port_open "$host" "$port" || die "$1 at $host:$port (from $4) is not reachable: start it, or unset $4 for a $1 of the run's own"
}

ensure_stores() {
  if [ "$OWN_POSTGRES" = yes ]; then
    start_store postgres "$POSTGRES_PORT" POSTGRES_PORT
  else
    given_store_answers PostgreSQL "$DATABASE_URL" 5432 DATABASE_URL
    create_given_database
  fi
  if [ "$OWN_REDIS" = yes ]; then
    start_store redis "$REDIS_PORT" REDIS_PORT
  else
    given_store_answers Redis "$REDIS_URL" 6379 REDIS_URL
  fi
}

# On a server the user named, the database is created if psql is there and it is missing.
create_given_database() {
  local database=${DATABASE_URL##*/}; database=${database%%\?*}
  local admin_url=${DATABASE_URL%/*}/postgres
  if command -v psql >/dev/null && ! psql "$admin_url" -Atqc "select 1 from pg_database where datname = '$database'" | grep -q 1; then
    log "creating database $database"
    psql "$admin_url" -qc "create database \"$database\""
  fi
}

STORES=$ROOT_DIR/scripts/stores/target

# --- jars ------------------------------------------------------------------------------------
jar_of() { ls "$ROOT_DIR/$1/target/$1"-*.jar 2>/dev/null | grep -v -- '-plain\|-tests\|-sources' | head -n 1; }

# True when a jar or the store binaries are missing, or older than what they are built from.
jars_outdated() {
  local service jar
  [ -d "$STORES/dynamodb-local/lib" ] && [ "$STORES/dynamodb-local/lib" -nt "$ROOT_DIR/scripts/stores/pom.xml" ] || return 0
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
    log "building the service jars and fetching the store binaries (./mvnw package -DskipTests; only when the sources changed)"
    (cd "$ROOT_DIR" && ./mvnw -B -ntp -pl scripts/stores,user-service,chat-service -am package -DskipTests) \
      >"$RUN_DIR/logs/build.log" 2>&1 || die "the build failed: $(build_error) (see $RUN_DIR/logs/build.log)"
    touch "$STORES/dynamodb-local/lib"
  fi
}

# The first line of Maven's complaint; a download that failed names the artifact and the repository.
build_error() {
  local log=$RUN_DIR/logs/build.log line
  line=$(grep -m 1 -o 'Could not \(transfer\|resolve\|find\).*' "$log" | sed 's/ and .parent.relativePath.*//; s/ -> \[Help.*//')
  if [ -n "$line" ]; then
    echo "a download from Maven Central failed (the network, or a proxy in ~/.m2/settings.xml?): ${line:0:300}"
  else
    grep -m 1 '^\[ERROR\] ' "$log" | cut -c 9-308 || echo "see the log"
  fi
}

# --- components ------------------------------------------------------------------------------
start_dynamodb() {
  [ "$DYNAMODB_ENDPOINT" = "http://127.0.0.1:$DYNAMODB_PORT" ] || return 0   # someone else's DynamoDB
  running dynamodb-local "$RUN_DIR/dynamodb-data" && return 0
  claim_port dynamodb-local "$DYNAMODB_PORT" DYNAMODB_PORT
  log "starting DynamoDB Local on $DYNAMODB_PORT (data in $RUN_DIR/dynamodb-data)"
  log "DynamoDB Local is AWS's software under AWS's licence terms, not open source: see docs/licences.md (DYNAMODB_ENDPOINT picks another DynamoDB)"
  STARTED+=(dynamodb-local)
  # Returns once it answers a ListTables; says why and tries once more when it exits first.
  "$ROOT_DIR/scripts/private-store.sh" start dynamodb "$RUN_DIR/dynamodb-data" "$DYNAMODB_PORT"
  cp "$RUN_DIR/dynamodb-data/dynamodb.pid" "$RUN_DIR/pids/dynamodb-local.pid"
  ln -sfn ../dynamodb-data/dynamodb.log "$RUN_DIR/logs/dynamodb-local.log"   # beside the other logs
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
  running "$name" "$name" && return 0
  claim_port "$name" "$port" "$4"
  claim_port "$name management" "$management_port" "$5"
  export SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT=$management_port \
    MANAGEMENT_SERVER_ADDRESS=127.0.0.1
  # The image's JVM flags (jvm.flags, as the image runs them), with MaxRAM standing in for the
  # container's memory limit: the heap is sized exactly as in a pod or a compose container with
  # that limit.
  local jvm=("-XX:MaxRAM=$SERVICE_MEMORY") flags launch
  mapfile -t flags < <(jvm_flags)
  jvm+=("${flags[@]}")
  mapfile -t launch < <(launch_args "$name" "${jvm[@]}")
  [ "${#launch[@]}" -ge 2 ] || die "could not prepare $name to start"
  log "starting $name on $port (actuator on $management_port)"
  STARTED+=("$name")
  start "$name" "$JAVA_HOME/bin/java" "${jvm[@]}" "${launch[@]}"
}

start_gateway() {
  running gateway "$RUN_DIR/nginx" && return 0
  claim_port gateway "$GATEWAY_PORT" GATEWAY_PORT
  render_gateway_config
  "$NGINX_BIN" -q -t -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" -g "pid $RUN_DIR/nginx/nginx.pid;" \
    || die "nginx rejected $RUN_DIR/nginx/nginx.conf"
  log "starting the gateway (nginx) on 127.0.0.1:$GATEWAY_PORT"
  STARTED+=(gateway)
  start gateway "$NGINX_BIN" -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" \
    -g "daemon off; pid $RUN_DIR/nginx/nginx.pid;"
}

ready() { http_get 127.0.0.1 "$1" /actuator/health/readiness | grep -q '"UP"'; }

# Dies with its exit status (this shell started it, so `wait` still knows it; not from a subshell)
# and the last lines it logged.
die_exited() { # name
  local status=0
  wait "$(cat "$RUN_DIR/pids/$1.pid")" 2>/dev/null || status=$?
  die "$1 exited during start-up (exit status $status; its last lines: $(tail -n 3 "$RUN_DIR/logs/$1.log" 2>/dev/null | tr '\n' ' ')); see $RUN_DIR/logs/$1.log"
}

await() {
  local name=$1 word=$2; shift 2
  local deadline=$((SECONDS + 120))
  until "$@" >/dev/null 2>&1; do
    running "$name" "$word" || die_exited "$name"
    [ "$SECONDS" -lt "$deadline" ] || die "$name did not become ready within 120s; see $RUN_DIR/logs/$name.log"
    sleep 0.2
  done
}

# Every port before anything starts: a port in use stops the run at once.
ports_free_or_ours() {
  local store=$ROOT_DIR/scripts/private-store.sh
  [ "$OWN_POSTGRES" = no ] || "$store" status postgres "$RUN_DIR/postgres" || claim_port postgres "$POSTGRES_PORT" POSTGRES_PORT
  [ "$OWN_REDIS" = no ] || "$store" status redis "$RUN_DIR/redis" || claim_port redis "$REDIS_PORT" REDIS_PORT
  [ "$DYNAMODB_ENDPOINT" != "http://127.0.0.1:$DYNAMODB_PORT" ] || running dynamodb-local "$RUN_DIR/dynamodb-data" \
    || claim_port dynamodb-local "$DYNAMODB_PORT" DYNAMODB_PORT
  running user-service user-service || { claim_port user-service "$USER_SERVICE_PORT" USER_SERVICE_PORT
    claim_port "user-service management" "$USER_MANAGEMENT_PORT" USER_MANAGEMENT_PORT; }
  running chat-service chat-service || { claim_port chat-service "$CHAT_SERVICE_PORT" CHAT_SERVICE_PORT
    claim_port "chat-service management" "$CHAT_MANAGEMENT_PORT" CHAT_MANAGEMENT_PORT; }
  running gateway "$RUN_DIR/nginx" || claim_port gateway "$GATEWAY_PORT" GATEWAY_PORT
}

ports_free_or_ours
ensure_jars
ensure_stores
start_dynamodb
# One service after the other: on a small machine two JVMs starting at once each take twice as long.
start_service user-service "$USER_SERVICE_PORT" "$USER_MANAGEMENT_PORT" USER_SERVICE_PORT USER_MANAGEMENT_PORT
await user-service user-service ready "$USER_MANAGEMENT_PORT"
start_service chat-service "$CHAT_SERVICE_PORT" "$CHAT_MANAGEMENT_PORT" CHAT_SERVICE_PORT CHAT_MANAGEMENT_PORT
start_gateway
await chat-service chat-service ready "$CHAT_MANAGEMENT_PORT"
await gateway "$RUN_DIR/nginx" http_get 127.0.0.1 "$GATEWAY_PORT" /health
trap - EXIT

store_line() { [ "$1" = yes ] && echo "$2   (the run's own; data in $RUN_DIR/$3)" || echo "$2"; }
cat <<SUMMARY

Practical System Design is up in $((SECONDS - STARTED_AT)) s (run directory: $RUN_DIR)
  gateway        http://127.0.0.1:$GATEWAY_PORT          try: curl http://127.0.0.1:$GATEWAY_PORT/api/users
  user-service   http://127.0.0.1:$USER_SERVICE_PORT          actuator http://127.0.0.1:$USER_MANAGEMENT_PORT/actuator/health
  chat-service   http://127.0.0.1:$CHAT_SERVICE_PORT          actuator http://127.0.0.1:$CHAT_MANAGEMENT_PORT/actuator/health
  PostgreSQL     $(store_line "$OWN_POSTGRES" "$DATABASE_URL" postgres)
  Redis          $(store_line "$OWN_REDIS" "$REDIS_URL" redis)
  DynamoDB       ${DYNAMODB_ENDPOINT:-AWS, region $AWS_REGION}
  logs           $RUN_DIR/logs/   (tail -f $RUN_DIR/logs/user-service.log shows CACHE HIT / CACHE MISS)
Stop everything with: scripts/local-down.sh   (one store: scripts/local-down.sh --only redis)
SUMMARY
