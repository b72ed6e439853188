#!/usr/bin/env bash
# A PostgreSQL, Redis or DynamoDB Local server of one's own: its data under DIR, listening on
# 127.0.0.1:PORT only, never the machine's own servers. scripts/local-up.sh, the Java test harness
# and the container smoke test all start their stores with it.
#
#   scripts/private-store.sh start  postgres|redis|dynamodb DIR PORT   # idempotent; PostgreSQL gets a database "users"
#   scripts/private-store.sh stop   postgres|redis|dynamodb DIR [immediate]
#   scripts/private-store.sh status postgres|redis|dynamodb DIR        # exit 0 when it runs
#
# Binaries: the OS's own when installed (PostgreSQL: the newest /usr/lib/postgresql/*/bin, else
# initdb and pg_ctl on the PATH; Redis: redis-server on the PATH), else the ones the
# scripts/stores module fetched from Maven Central for this OS and CPU. STORE_BINARIES=maven
# uses those even when the OS has its own; DynamoDB Local always comes from that module (AWS's
# licence terms, see docs/licences.md) and runs on $JAVA_HOME's JDK. The PID of the server is in
# DIR/<kind>.pid.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STORES_TARGET=$ROOT_DIR/scripts/stores/target
FETCH_HINT="./mvnw -q -f scripts/stores/pom.xml generate-resources (local-up.sh and ./mvnw verify do it)"

# --- which binaries --------------------------------------------------------------------------
os_postgres_bin() {
  local dir best="" best_version=0 version
  for dir in /usr/lib/postgresql/*/bin; do
    version=$(basename "$(dirname "$dir")")
    if [ -x "$dir/initdb" ] && [[ $version =~ ^[0-9]+$ ]] && [ "$version" -gt "$best_version" ]; then
      best=$dir best_version=$version
    fi
  done
  if [ -z "$best" ] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    best=$(dirname "$(command -v pg_ctl)")
  fi
  [ -n "$best" ] && echo "$best"
}

# Unpacks the .txz the scripts/stores module fetched, once; tar keeps its symlinks and modes.
maven_postgres_bin() {
  local archive dist=$STORES_TARGET/postgres/dist tmp
  archive=$(ls "$STORES_TARGET"/postgres/*.txz 2>/dev/null | head -n 1) \
    || die "PostgreSQL is not installed and not fetched for $(uname -s)-$(uname -m): run $FETCH_HINT, or install PostgreSQL ($(install_hint postgresql))"
  if [ ! -x "$dist/bin/postgres" ] || [ "$archive" -nt "$dist/bin/postgres" ]; then
    command -v xz >/dev/null || [ "$(uname -s)" = Darwin ] \
      || die "xz is missing, which unpacks PostgreSQL from Maven Central: $(install_hint xz-utils)"
    tmp=$(mktemp -d "$STORES_TARGET/postgres/unpack.XXXXXX")
    tar -xJf "$archive" -C "$tmp" 2>"$tmp.log" || { rm -rf "$tmp"; die "could not unpack $archive: $(head -n 1 "$tmp.log")"; }
    chmod 755 "$tmp"
    rm -rf "$dist" "$tmp.log"
    mv "$tmp" "$dist" 2>/dev/null || rm -rf "$tmp"   # another run unpacked it at the same moment
  fi
  echo "$dist/bin"
}

postgres_bin() {
  if [ "${STORE_BINARIES:-}" != maven ] && os_postgres_bin; then
    return
  fi
  maven_postgres_bin
}

redis_bin() {
  if [ "${STORE_BINARIES:-}" != maven ] && command -v redis-server >/dev/null; then
    command -v redis-server
    return
  fi
  local binary copy=$STORES_TARGET/redis/bin/redis-server
  binary=$(ls "$STORES_TARGET"/redis/redis-server-* 2>/dev/null | head -n 1) \
    || die "Redis is not installed and not fetched for $(uname -s)-$(uname -m): run $FETCH_HINT, or install Redis ($(install_hint redis-server))"
  if [ ! -x "$copy" ] || [ "$binary" -nt "$copy" ]; then
    # Named redis-server, so that its process title says what it is.
    mkdir -p "$(dirname "$copy")"
    cp "$binary" "$copy.tmp" && chmod 755 "$copy.tmp" && mv "$copy.tmp" "$copy"
  fi
  echo "$copy"
}

# Fails with the binary's own first line of complaint (a missing shared library, say) when it
# cannot even print its version.
runs_at_all() { # what, binary, then how it runs
  local what=$1 binary=$2 out
  shift 2
  if ! out=$("$@" "$binary" --version 2>&1); then
    die "$what ($binary) cannot run on this machine: $(printf '%s' "$out" | head -n 1)$( \
      [[ $binary == "$STORES_TARGET"* ]] && printf '; install it from the OS instead (%s)' "$(install_hint "$what")")"
  fi
}

# --- running as the owner of the data ------------------------------------------------------------
# initdb and postgres refuse to run as root: as root they run as the postgres user (or nobody).
PG_USER=""
if [ "$(id -u)" = 0 ]; then
  PG_USER=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
fi
as_owner() {
  if [ -n "$PG_USER" ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

pid_alive() { # pid file, a word its command line contains
  local pid
  [ -f "$1" ] && pid=$(head -n 1 "$1") && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
  else
    ps -o command= -p "$pid" 2>/dev/null | grep -q -- "$2"
  fi
}

# SIGTERM, then SIGKILL if it is still there after the given seconds.
terminate() { # pid, seconds
  local deadline=$((SECONDS + $2))
  kill -TERM "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || { kill -KILL "$1" 2>/dev/null || true; break; }
    sleep 0.1
  done
}

# --- PostgreSQL -----------------------------------------------------------------------------------
postgres_status() { pid_alive "$1/data/postmaster.pid" postgres; }

postgres_start() {
  local dir=$1 port=$2 bin
  if postgres_status "$dir"; then
    head -n 1 "$dir/data/postmaster.pid" >"$dir/postgres.pid"
    return 0
  fi
  port_open 127.0.0.1 "$port" && die "port $port (for PostgreSQL) is already in use by another program"
  if [ -f "$dir/initialized" ] && [ -x "$(cat "$dir/binaries" 2>/dev/null)/postgres" ]; then
    bin=$(cat "$dir/binaries")   # a cluster runs only under the major version that made it
  else
    bin=$(postgres_bin)
  fi
  mkdir -p "$dir"
  [ -z "$PG_USER" ] || chown "$PG_USER" "$dir"
  as_owner test -w "$dir" -a -x "$bin/postgres" \
    || die "PostgreSQL${PG_USER:+ (run as $PG_USER: it refuses root)} cannot write $dir or run $bin/postgres: put the clone where it can"
  runs_at_all postgresql "$bin/postgres" as_owner
  # A cluster whose initdb did not finish (an interrupted run) is made again.
  if [ ! -f "$dir/initialized" ]; then
    rm -rf "$dir/data"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 \
      || die "initdb failed: $(tail -n 1 "$dir/initdb.log") (see $dir/initdb.log)"
    # Single-user mode creates the database with no client tools (psql) needed.
    echo 'CREATE DATABASE users' | as_owner "$bin/postgres" --single -D "$dir/data" postgres >>"$dir/initdb.log" 2>&1 \
      || die "could not create the database users (see $dir/initdb.log)"
    echo "$bin" >"$dir/binaries"
    touch "$dir/initialized"
  fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/postgres.log" -o \
    "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c max_connections=80 -c shared_buffers=32MB" \
    start >"$dir/pg_ctl.log" 2>&1 || die "PostgreSQL did not start on $port: $(tail -n 1 "$dir/postgres.log" 2>/dev/null) (see $dir/postgres.log)"
  head -n 1 "$dir/data/postmaster.pid" >"$dir/postgres.pid"
}

postgres_stop() {
  local dir=$1 mode=${2:-fast}
  if postgres_status "$dir"; then
    as_owner "$(cat "$dir/binaries" 2>/dev/null || postgres_bin)/pg_ctl" -D "$dir/data" -w -t 60 -m "$mode" stop >>"$dir/pg_ctl.log" 2>&1 \
      || die "PostgreSQL in $dir did not stop (see $dir/pg_ctl.log)"
  fi
  rm -f "$dir/postgres.pid"
}

# --- Redis -----------------------------------------------------------------------------------------
redis_status() { pid_alive "$1/redis.pid" redis-server; }

redis_start() {
  local dir=$1 port=$2 bin
  redis_status "$dir" && return 0
  port_open 127.0.0.1 "$port" && die "port $port (for Redis) is already in use by another program"
  bin=$(redis_bin)
  runs_at_all redis-server "$bin"
  mkdir -p "$dir"
  rm -f "$dir/redis.pid"
  # A cache: nothing is saved, so a restart starts empty, as a restarted cache pod does.
  "$bin" --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "$dir" \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >"$dir/start.log" 2>&1 \
    || die "Redis did not start on $port: $(tail -n 1 "$dir/start.log")"
  local deadline=$((SECONDS + 30))
  until redis_status "$dir" && port_open 127.0.0.1 "$port"; do
    [ "$SECONDS" -lt "$deadline" ] || die "Redis did not start on $port: $(tail -n 1 "$dir/redis.log" 2>/dev/null) (see $dir/redis.log)"
    sleep 0.1
  done
}

redis_stop() {
  redis_status "$1" && terminate "$(cat "$1/redis.pid")" 10
  rm -f "$1/redis.pid"
}

# --- DynamoDB Local ---------------------------------------------------------------------------------
dynamodb_status() { pid_alive "$1/dynamodb.pid" "$1"; }

# A ListTables with a syntactically signed request (DynamoDB Local checks no signatures): answered
# only once its HTTP server and its SQLite store both work, which an open port alone does not prove.
dynamodb_answers() { # port
  local body='{}' status
  status=$(
    { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || exit 1
    printf 'POST / HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\nAuthorization: AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\nContent-Length: %d\r\n\r\n%s' \
      "$1" "${#body}" "$body" >&3
    IFS= read -r -t 10 line <&3 && echo "$line"
  )
  [[ $status == HTTP/1.?" 200 "* ]]
}

# Starts the JVM and waits until it answers. When it exits first, the reason is its exit status and
# the end of its log, printed; the start is tried once more, as a store that failed by chance (a
# port another program took in the meantime, a machine out of memory for a moment) deserves.
dynamodb_start() {
  local dir=$1 port=$2 attempt
  dynamodb_status "$dir" && return 0
  mkdir -p "$dir"
  select_jdk
  for attempt in 1 2; do
    port_open 127.0.0.1 "$port" && die "port $port (for DynamoDB Local) is already in use by another program"
    dynamodb_launch "$dir" "$port" && return 0
    [ "$attempt" = 1 ] && log "DynamoDB Local did not start: $(cat "$dir/exit-reason"); starting it once more" >&2
  done
  die "DynamoDB Local did not start twice: $(cat "$dir/exit-reason") (see $dir/dynamodb.log)"
}

dynamodb_launch() { # dir, port; fails with the reason in dir/exit-reason
  local dir=$1 port=$2 lib=$STORES_TARGET/dynamodb-local/lib pid status deadline=$((SECONDS + 60))
  [ -d "$lib" ] || die "DynamoDB Local's jars are missing: run $FETCH_HINT"
  # It writes a metadata file into its working directory: DIR keeps it with the data. Full JIT (no
  # -XX:TieredStopAtLevel=1, which the tests' short-lived instances use): it serves warm reads faster.
  # Its own session, as the other stores' daemons: a terminal's signals never reach it.
  printf '\n--- started %s\n' "$(date -u +%FT%TZ)" >>"$dir/dynamodb.log"
  (cd "$dir" && exec setsid "$JAVA_HOME/bin/java" -Xmx256m -cp "$lib/*" \
    com.amazonaws.services.dynamodbv2.local.main.ServerRunner -sharedDb -dbPath "$dir" -disableTelemetry \
    -port "$port") >>"$dir/dynamodb.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/dynamodb.pid"
  until dynamodb_answers "$port"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      kill -KILL "$pid" 2>/dev/null && status="killed after 60 s without an answer" \
        || { wait "$pid" && status="exit status 0" || status="exit status $?"; }
      printf '%s; its last lines: %s' "$status" "$(tail -n 3 "$dir/dynamodb.log" | tr '\n' ' ')" >"$dir/exit-reason"
      rm -f "$dir/dynamodb.pid"
      return 1
    fi
    sleep 0.1
  done
}

dynamodb_stop() {
  dynamodb_status "$1" && terminate "$(cat "$1/dynamodb.pid")" 30
  rm -f "$1/dynamodb.pid"
}

# --- command line ----------------------------------------------------------------------------------
usage() { die "usage: private-store.sh start|stop|status postgres|redis|dynamodb DIR [PORT | immediate]"; }
[ $# -ge 3 ] || usage
action=$1 kind=$2 dir=$3
case "$kind" in postgres | redis | dynamodb) ;; *) usage ;; esac
case "$dir" in /*) ;; *) dir=$PWD/$dir ;; esac
case "$action" in
  start) [ $# -ge 4 ] || usage; "${kind}_start" "$dir" "$4" ;;
  stop) "${kind}_stop" "$dir" "${4:-}" ;;
  status) "${kind}_status" "$dir" ;;
  *) usage ;;
esac
