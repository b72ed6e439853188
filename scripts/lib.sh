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

require() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed: $2"
}
