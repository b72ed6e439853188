#!/usr/bin/env bash
# A steady, bounded load through the local run's gateway, until Ctrl-C (or LOAD_DURATION
# seconds): mostly user cache hits, some misses, writes and chat reads, so that the console
# and the dashboard have something to show. The program is load-generator/ (docs/local-run.md).
#
#   scripts/load.sh                      # 5 requests/s to http://127.0.0.1:$GATEWAY_PORT
#   LOAD_RATE=20 LOAD_DURATION=60 scripts/load.sh
#
# Settings (env): GATEWAY_PORT (8080), LOAD_TARGET (the gateway URL), LOAD_RATE (5),
# LOAD_DURATION (0: until stopped), LOAD_USERS (50: the users it keeps).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export LOAD_TARGET=${LOAD_TARGET:-http://127.0.0.1:${GATEWAY_PORT:-8080}}
JAR=$ROOT_DIR/load-generator/target/load-generator-0.1.0-SNAPSHOT.jar

select_jdk
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT_DIR/load-generator/src/main" -newer "$JAR" -print -quit)" ]; then
  log "building the load generator (./mvnw -pl load-generator package -DskipTests)"
  (cd "$ROOT_DIR" && ./mvnw -B -ntp -q -pl load-generator package -DskipTests) || die "the load generator did not build"
fi
exec "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -Xmx64m -jar "$JAR"
