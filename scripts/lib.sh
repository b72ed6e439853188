#!/usr/bin/env bash
# Shared helpers for the scripts in this directory. Source it; do not run it.

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ROOT_DIR

die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
log() { printf '==> %s\n' "$*"; }

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'
}

# Exports JAVA_HOME as the first JDK 21+ found: $JAVA_HOME, the javac on the PATH, Temurin 25,
# then any under /usr/lib/jvm.
select_jdk() {
  local candidate on_path=""
  command -v javac >/dev/null 2>&1 && on_path=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  for candidate in "${JAVA_HOME:-}" "$on_path" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return
    fi
  done
  die "no JDK 21 or newer found: install one (e.g. Temurin 21, or $(install_hint openjdk-21-jdk-headless)) or set JAVA_HOME"
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

# GET http://host:port/path with bash alone (no curl needed): prints the body, fails unless 200.
http_get() { # host, port, path
  (
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$3" "$1" "$2" >&3
    IFS= read -r -t 5 status <&3 || exit 1
    [[ $status == HTTP/1.?" 200 "* ]] || exit 1
    while IFS= read -r -t 5 line <&3 && [ "$line" != $'\r' ]; do :; done
    while IFS= read -r -t 5 line <&3 || [ -n "$line" ]; do printf '%s\n' "$line"; done
  )
}

# Prints a TCP port on 127.0.0.1 that nothing listens on. It comes from below the ports the OS
# hands to outgoing connections (from 32768 on Linux), any of which could take it before the
# server meant for it binds.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((10000 + RANDOM % 22768))
    port_open 127.0.0.1 "$port" || { echo "$port"; return; }
  done
  die "found no free TCP port on 127.0.0.1"
}

require() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed: $2"
}

# --- installing what is missing ------------------------------------------------------------------
# The one command that installs a package on this OS, by its Debian name.
install_hint() {
  local package=$1
  if [ "$(uname -s)" = Darwin ]; then
    case "$package" in postgresql) package=postgresql@17 ;; redis-server) package=redis ;; xz-utils) package=xz ;; esac
    echo "brew install $package"
  elif [ -f /etc/debian_version ]; then
    echo "sudo apt-get install -y $package"
  elif command -v dnf >/dev/null 2>&1; then
    case "$package" in postgresql) package=postgresql-server ;; redis-server) package=redis ;; xz-utils) package=xz ;; esac
    echo "sudo dnf install -y $package"
  else
    echo "install $package with your system's package manager"
  fi
}

# True on Debian or Ubuntu when apt-get can run as root here: as root, or with passwordless sudo.
can_apt_install() {
  [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1 \
    && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }
}

APT_UPDATED=0
# Installs Debian packages quietly (apt-get's output goes to $APT_LOG, default /dev/null); pass
# apt-get options such as --no-install-recommends first.
apt_install() {
  local sudo=() log=${APT_LOG:-/dev/null}
  [ "$(id -u)" = 0 ] || sudo=(sudo -n)
  if [ "$APT_UPDATED" = 0 ]; then
    "${sudo[@]}" apt-get update -qq >>"$log" 2>&1 || die "apt-get update failed${APT_LOG:+; see $APT_LOG}"
    APT_UPDATED=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$log" 2>&1 \
    || die "apt-get install $* failed${APT_LOG:+; see $APT_LOG}"
}

# --- a Redis logical database of one's own on a shared server -----------------------------------
# For scripts that run against a Redis someone else also uses (bench.sh): a lease key in database
# 0 (psd:test-db-lease:<n>), so two runs never share one of the databases 1-15. REDIS_HOST and
# REDIS_PORT pick the server.
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

# The lines of jvm.flags without its comments and blank lines.
jvm_flags() {
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$ROOT_DIR/jvm.flags"
}

# The gateway's config from nginx/nginx.conf into $RUN_DIR/nginx/nginx.conf, with exactly its three
# variables replaced (what envsubst with that variable list does) by 127.0.0.1 and $GATEWAY_PORT,
# $USER_SERVICE_PORT, $CHAT_SERVICE_PORT; nginx's own $variables stay. The local run and the
# benchmark's proxy ceiling both render it so. nginx/console is linked beside it, where the config's
# relative `alias console/` (relative to nginx's -p prefix) finds the console's files.
render_gateway_config() {
  local config
  config=$(<"$ROOT_DIR/nginx/nginx.conf")
  config=${config//'${GATEWAY_LISTEN}'/127.0.0.1:$GATEWAY_PORT}
  config=${config//'${USER_SERVICE_ADDR}'/127.0.0.1:$USER_SERVICE_PORT}
  config=${config//'${CHAT_SERVICE_ADDR}'/127.0.0.1:$CHAT_SERVICE_PORT}
  printf '%s\n' "$config" >"$RUN_DIR/nginx/nginx.conf"
  ln -sfn "$ROOT_DIR/nginx/console" "$RUN_DIR/nginx/console"
}
