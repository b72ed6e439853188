# The proxy ceiling: the most a service behind this gateway could ever be given on this machine.
# The project's own nginx/nginx.conf, rendered by render_gateway_config (lib.sh), as the local run does,
# proxies to a trivial upstream (a second nginx answering GET /users/1 with a fixed user-sized
# JSON), so every scenario's fraction of it says how close the service comes to costing nothing.
# Sourced by scripts/bench.sh; needs $OUT and lib.sh; call it after local-up.sh, which installs nginx.

CEILING_DIR=$OUT/ceiling
# The size and shape of what user-service answers for one user.
CEILING_BODY='{"id":1,"name":"Seed User 1","email":"seed-1@example.com","created_at":"2026-01-01T00:00:00.000000Z"}'

trivial_upstream_config() { # port
  cat <<NGINX
worker_processes auto;
error_log stderr warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 100000;
    keepalive_timeout 60s;
    default_type application/json;
    server {
        listen 127.0.0.1:$1;
        location = /users/1 { return 200 '$CEILING_BODY'; }
        location / { return 404 '{"error":"Not found"}'; }
    }
}
NGINX
}

start_nginx() { # prefix directory, config, log
  "$NGINX_BIN" -q -t -p "$1" -c "$2" -g "pid $1/nginx.pid;" 2>"$3" || die "nginx rejected $2; see $3"
  # A daemon of its own (nginx forks and detaches), its stdout (the access log) in a file.
  "$NGINX_BIN" -p "$1" -c "$2" -g "pid $1/nginx.pid;" >>"$3" 2>&1 </dev/null || die "nginx did not start; see $3"
}

stop_nginx() { # prefix directory
  [ -f "$1/nginx.pid" ] && kill -QUIT "$(cat "$1/nginx.pid")" 2>/dev/null
  rm -f "$1/nginx.pid"
}

# Starts the trivial upstream and a gateway in front of it; sets CEILING_URL.
ceiling_up() {
  local upstream_port gateway_port
  NGINX_BIN=$(command -v "${NGINX:-nginx}" || command -v /usr/sbin/nginx) || die "no nginx binary found (local-up.sh installs it)"
  upstream_port=$(free_port)
  mkdir -p "$CEILING_DIR/upstream" "$CEILING_DIR/gateway/nginx"
  trivial_upstream_config "$upstream_port" >"$CEILING_DIR/upstream/nginx.conf"
  start_nginx "$CEILING_DIR/upstream" "$CEILING_DIR/upstream/nginx.conf" "$CEILING_DIR/upstream.log"
  gateway_port=$(free_port)
  (RUN_DIR=$CEILING_DIR/gateway GATEWAY_PORT=$gateway_port USER_SERVICE_PORT=$upstream_port \
    CHAT_SERVICE_PORT=$upstream_port render_gateway_config)
  start_nginx "$CEILING_DIR/gateway/nginx" "$CEILING_DIR/gateway/nginx/nginx.conf" "$CEILING_DIR/gateway.log"
  CEILING_URL=http://127.0.0.1:$gateway_port
  wait_until "the ceiling's gateway" 10 curl -fsS -o /dev/null "$CEILING_URL/api/users/1"
  [ "$(curl -fsS "$CEILING_URL/api/users/1")" = "$CEILING_BODY" ] || die "the ceiling's gateway does not pass the upstream's answer through"
}

ceiling_down() {
  stop_nginx "$CEILING_DIR/gateway/nginx"
  stop_nginx "$CEILING_DIR/upstream"
  rm -f "$CEILING_DIR"/*.log   # a line a request: hundreds of MB
}
