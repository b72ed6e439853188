#!/usr/bin/env bash
# Part of scripts/container-smoke.sh (sourced): what the running containers must show: the
# docker-compose healthcheck passing inside, the JVM as uid 1000 on a read-only root with a
# writable /tmp, /health healthy, and a real create + read through each service's port.

# The healthcheck docker-compose.yml gives the service, run inside the container, on the moved port.
compose_healthcheck() {
  local service=$1 default_port=$2
  python3 - "$ROOT_DIR/docker-compose.yml" "$service" "$default_port" "${MANAGEMENT_PORT[$service]}" <<'PY'
import sys, yaml
compose, service, default_port, port = sys.argv[1:]
test = yaml.safe_load(open(compose))["services"][service]["healthcheck"]["test"]
probe = "/dev/tcp/127.0.0.1/" + default_port
if len(test) != 2 or test[0] != "CMD-SHELL" or probe not in test[1]:
    sys.exit(f"docker-compose.yml: {service}'s healthcheck is not a CMD-SHELL probe of {probe}")
print(test[1].replace("$$", "$").replace(probe, "/dev/tcp/127.0.0.1/" + port))
PY
}

check_container() {
  local service=$1 container uid command
  container=$(container_of "$service")
  command=$(compose_healthcheck "$service" "${DEFAULT_MANAGEMENT_PORT[$service]}" 2>&1) || die "$command"
  pod exec "$container" sh -c "$command" >/dev/null 2>&1 \
    || die "$service: the docker-compose healthcheck fails inside the container: $command"
  uid=$(pod exec "$container" awk '/^Uid:/ {print $2}' /proc/1/status)
  [ "$uid" = 1000 ] || die "$service: the JVM (pid 1) runs as uid '$uid', not 1000"
  if pod exec "$container" bash -c ': >/container-smoke-probe' >/dev/null 2>&1; then
    die "$service: the root filesystem is writable"
  fi
  pod exec "$container" bash -c ': >/tmp/container-smoke-probe' >/dev/null 2>&1 \
    || die "$service: /tmp is not writable"
}

# /health may start out degraded: the Redis connection is opened lazily, and its first connect can
# exceed the service's 250 ms budget on a busy machine. Poll, as a load balancer would.
await_healthy() {
  local service=$1 health deadline=$((SECONDS + 30))
  until health=$(curl -sS --max-time 5 "http://127.0.0.1:${PORT[$service]}/health" 2>&1) \
      && [ "$(jq -r .status <<<"$health" 2>/dev/null)" = healthy ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "$service: /health is not healthy after 30s: $health"
    sleep 0.5
  done
}

# request SERVICE STATUS METHOD PATH [BODY] -> prints the body; fails unless the status is STATUS
request() {
  local service=$1 expected=$2 method=$3 path=$4 body=${5:-} out status data=()
  out=$WORK/logs/response.json
  [ -z "$body" ] || data=(-H 'Content-Type: application/json' --data "$body")
  status=$(curl -sS --max-time 10 -o "$out" -w '%{http_code}' -X "$method" "${data[@]}" \
    "http://127.0.0.1:${PORT[$service]}$path") || status=000
  [ "$status" = "$expected" ] || die "$service: $method $path answered $status, expected $expected: $(head -c 300 "$out" 2>/dev/null)"
  cat "$out"
}

# One user and one chat, created and read back.
round_trips() {
  local email user user_id chat chat_id read_back
  email="container-smoke-$$@example.com"
  user=$(request user-service 201 POST /users "{\"name\":\"Container Smoke\",\"email\":\"$email\"}")
  user_id=$(jq -r .id <<<"$user")
  read_back=$(request user-service 200 GET "/users/$user_id")
  [ "$(jq -r .email <<<"$read_back")" = "$email" ] || die "user-service: GET /users/$user_id returned $read_back"

  chat=$(request chat-service 201 POST /chats '{"name":"Container smoke","metadata":{"type":"smoke"}}')
  chat_id=$(jq -r .id <<<"$chat")
  read_back=$(request chat-service 200 GET "/chats/$chat_id")
  [ "$(jq -r .chat.id <<<"$read_back")" = "$chat_id" ] || die "chat-service: GET /chats/$chat_id returned $read_back"
}
