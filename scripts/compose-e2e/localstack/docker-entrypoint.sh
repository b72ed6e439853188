#!/bin/bash
# LocalStack's contract as the compose file uses it: DynamoDB (SERVICES) on the edge port 4566,
# kept under /var/lib/localstack only with PERSISTENCE=1, and a health endpoint that reports
# dynamodb "running" once it answers, warmed up (warm-up beside this file).
set -euo pipefail
case ",${SERVICES:-dynamodb}," in
  *,dynamodb,*) ;;
  *) echo "this LocalStack stand-in serves dynamodb only, not SERVICES=$SERVICES" >&2; exit 1 ;;
esac
storage=(-inMemory)
if [ "${PERSISTENCE:-0}" = 1 ]; then
  mkdir -p /var/lib/localstack/state/dynamodb
  storage=(-dbPath /var/lib/localstack/state/dynamodb)
fi
java -Xmx256m -Djava.library.path=/opt/dynamodb-local -cp '/opt/dynamodb-local/*' \
  com.amazonaws.services.dynamodbv2.local.main.ServerRunner "${storage[@]}" -disableTelemetry -port 8000 &
dynamodb=$!
# The edge port opens only once DynamoDB answers and has made each of the service's calls once, so
# the health endpoint never runs ahead of it.
until curl -s -o /dev/null http://127.0.0.1:8000/; do
  kill -0 "$dynamodb" 2>/dev/null || { echo "DynamoDB Local exited" >&2; exit 1; }
  sleep 0.2
done
warm-up http://127.0.0.1:8000
echo "Ready."
exec nginx -c /etc/localstack/nginx.conf
