#!/usr/bin/env bash
# Shared helpers for the scripts in this directory. Source it; do not run it.

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ROOT_DIR

die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
log() { printf '==> %s\n' "$*"; }

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'
}

# Exports JAVA_HOME as the first JDK 21+ found: $JAVA_HOME, Temurin 25, then any under /usr/lib/jvm.
select_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return
    fi
  done
  die "no JDK 21 or newer found: install one (e.g. Temurin 21) or set JAVA_HOME"
}

# Polls a command until it succeeds; fails with one line naming what did not come up.
wait_until() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || die "$what did not come up within ${seconds}s"
    sleep 0.2
  done
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# Prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 30000))
    port_open 127.0.0.1 "$port" || { echo "$port"; return; }
  done
  die "found no free TCP port on 127.0.0.1"
}

require() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed: $2"
}

# --- a Redis logical database of one's own ----------------------------------------------------
# The same lease keys the Java test harness uses (database 0, psd:test-db-lease:<n>), so scripts
# and test runs never share one of the databases 1-15. REDIS_HOST and REDIS_PORT pick the server.
REDIS_LEASE_PREFIX=psd:test-db-lease:

# Leases a free database for an hour, empties it and prints its number; fails when none is free.
redis_lease() {
  local owner=$1 db
  for db in $(seq 1 15); do
    if [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n 0 set "$REDIS_LEASE_PREFIX$db" "$owner" NX EX 3600)" = OK ]; then
      redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$db" flushdb >/dev/null
      echo "$db"
      return 0
    fi
  done
  die "all Redis databases 1-15 are leased by test runs ($REDIS_LEASE_PREFIX* keys in database 0)"
}

# Empties a leased database and gives it back, if the lease is still this owner's.
redis_release() {
  local db=$1 owner=$2
  redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "$db" flushdb >/dev/null 2>&1
  if [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n 0 get "$REDIS_LEASE_PREFIX$db")" = "$owner" ]; then
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n 0 del "$REDIS_LEASE_PREFIX$db" >/dev/null 2>&1
  fi
}
