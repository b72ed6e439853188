#!/usr/bin/env bash
# Part of scripts/container-smoke.sh (sourced): the stores the containers use, each this run's
# own: a PostgreSQL and a Redis (scripts/private-store.sh, as the local run starts them) and a
# DynamoDB Local. Sets PG_PORT, REDIS_PORT and DYNAMODB_PORT; stop_stores stops and removes all three.

STORES="" DYNAMODB_PID=""

# DynamoDB Local's jars (fetched from Maven Central by scripts/stores/pom.xml); sets DYNAMODB_LIB.
fetch_dynamodb_local() {
  DYNAMODB_LIB=$ROOT_DIR/scripts/stores/target/dynamodb-local/lib
  if [ ! -d "$DYNAMODB_LIB" ]; then
    (cd "$ROOT_DIR" && ./mvnw -B -q -ntp -f scripts/stores/pom.xml generate-resources) \
      >>"$WORK/logs/maven.log" 2>&1 || die "could not fetch the store binaries; see $WORK/logs/maven.log"
  fi
}

start_stores() {
  STORES=$WORK/stores
  fetch_dynamodb_local
  local lib=$DYNAMODB_LIB
  PG_PORT=$(free_port)
  "$ROOT_DIR/scripts/private-store.sh" start postgres "$STORES/postgres" "$PG_PORT"
  REDIS_PORT=$(free_port)
  "$ROOT_DIR/scripts/private-store.sh" start redis "$STORES/redis" "$REDIS_PORT"
  DYNAMODB_PORT=$(free_port)
  "$JAVA_HOME/bin/java" -Xmx256m -XX:TieredStopAtLevel=1 -cp "$lib/*" \
    com.amazonaws.services.dynamodbv2.local.main.ServerRunner -inMemory -disableTelemetry -port "$DYNAMODB_PORT" \
    >"$WORK/logs/dynamodb-local.log" 2>&1 &
  DYNAMODB_PID=$!
}

await_stores() {
  wait_until "DynamoDB Local (see $WORK/logs/dynamodb-local.log)" 60 port_open 127.0.0.1 "$DYNAMODB_PORT"
}

stop_stores() {
  if [ -n "$DYNAMODB_PID" ] && kill -0 "$DYNAMODB_PID" 2>/dev/null; then
    kill "$DYNAMODB_PID" 2>/dev/null
    wait "$DYNAMODB_PID" 2>/dev/null
  fi
  [ -n "$STORES" ] || return 0
  "$ROOT_DIR/scripts/private-store.sh" stop postgres "$STORES/postgres" immediate >/dev/null 2>&1
  "$ROOT_DIR/scripts/private-store.sh" stop redis "$STORES/redis" >/dev/null 2>&1
  rm -rf "$STORES"
}
