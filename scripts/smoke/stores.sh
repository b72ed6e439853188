#!/usr/bin/env bash
# Part of scripts/container-smoke.sh (sourced): the stores the containers use, each this run's
# own: a PostgreSQL database, a leased Redis logical database and a DynamoDB Local it starts.
# Sets DATABASE, REDIS_DB and DYNAMODB_PORT; stop_stores removes all three.

DATABASE="" REDIS_DB="" REDIS_OWNER="" DYNAMODB_PID=""

start_stores() {
  DATABASE=psd_smoke_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -Atqc "create database $DATABASE" >/dev/null \
    || die "could not create database $DATABASE"

  REDIS_OWNER=container-smoke-$$-$RANDOM
  REDIS_DB=$(redis_lease "$REDIS_OWNER")

  local lib=$ROOT_DIR/scripts/dynamodb-local/target/lib
  if [ ! -d "$lib" ]; then
    (cd "$ROOT_DIR" && ./mvnw -B -q -ntp -f scripts/dynamodb-local/pom.xml generate-resources) \
      >>"$WORK/logs/maven.log" 2>&1 || die "could not fetch DynamoDB Local; see $WORK/logs/maven.log"
  fi
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
  if [ -n "$DATABASE" ]; then
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -Atqc "drop database if exists $DATABASE with (force)" >/dev/null 2>&1
  fi
  [ -z "$REDIS_DB" ] || redis_release "$REDIS_DB" "$REDIS_OWNER"
}
