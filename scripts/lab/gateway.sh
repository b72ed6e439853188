# Lab gateway: two user-service instances behind nginx (the gateway's own nginx/nginx.conf, its
# user_service upstream given both addresses), a steady GET load and a steady POST load through
# it; one instance is killed (SIGKILL) and started again. The gateway's access log says, request
# by request, which instance answered and with what status.

require wrk "sudo apt-get install wrk"

LOAD_BEFORE=$(short && echo 4 || echo 6)        # seconds of load before the kill
DOWN_FOR=$(short && echo 3 || echo 5)           # seconds the instance stays dead
LOAD_AFTER=$(short && echo 8 || echo 12)        # seconds of load after it is ready again
LUA=$ROOT_DIR/scripts/lab/gateway

step "starting a stack of its own (instance A is the local run's user-service)"
lab_stack_up
lab_port INSTANCE_B_PORT INSTANCE_B_MANAGEMENT LAB_GATEWAY_PORT
# Instance B starts as local-up.sh starts instance A: from the extracted jar with the JVM's
# start-up cache that local-up.sh trained (same flags), about twice as fast as a plain -jar.
LAUNCH=$ROOT_DIR/user-service/target/launch
if [ -f "$LAUNCH/trained" ] && [ -f "$LAUNCH/cache.aot" ]; then
  read -r -a JVM <"$LAUNCH/trained"
  JVM+=("-XX:AOTCache=$LAUNCH/cache.aot" -jar "$(ls "$LAUNCH"/app/user-service-*.jar | head -n 1)")
else
  mapfile -t JVM < <(jvm_flags)
  JVM=(-XX:MaxRAM=512m "${JVM[@]}" -jar
    "$(ls "$ROOT_DIR"/user-service/target/user-service-*.jar | grep -v -- '-plain\|-tests\|-sources' | head -n 1)")
fi

start_instance_b() {
  nohup setsid env SERVER_PORT="$INSTANCE_B_PORT" SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT="$INSTANCE_B_MANAGEMENT" \
    MANAGEMENT_SERVER_ADDRESS=127.0.0.1 DATABASE_URL="$DATABASE_URL" REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" \
    "$JAVA_HOME/bin/java" "${JVM[@]}" \
    >>"$OUT/logs/user-service-b.log" 2>&1 </dev/null &
  INSTANCE_B_PID=$!
}
instance_b_ready() { curl -fsS "http://127.0.0.1:$INSTANCE_B_MANAGEMENT/actuator/health/readiness" 2>/dev/null | grep -q UP; }
stop_instance_b() { kill "$INSTANCE_B_PID" 2>/dev/null; wait "$INSTANCE_B_PID" 2>/dev/null; }
on_exit stop_instance_b

step "starting instance B of user-service on $INSTANCE_B_PORT (same PostgreSQL and Redis)"
start_instance_b
wait_until "instance B (see $OUT/logs/user-service-b.log)" 120 instance_b_ready

# The gateway's config as every mode renders it, with two servers in the user_service upstream;
# the access log stamped with $msec instead of the ISO time, so the timeline has milliseconds.
GW=$OUT/gateway
mkdir -p "$GW"
config=$(<"$ROOT_DIR/nginx/nginx.conf")
config=${config//'${GATEWAY_LISTEN}'/127.0.0.1:$LAB_GATEWAY_PORT}
config=${config//'${USER_SERVICE_ADDR} max_fails=3 fail_timeout=5s;'/127.0.0.1:$USER_SERVICE_PORT max_fails=3 fail_timeout=5s; server 127.0.0.1:$INSTANCE_B_PORT max_fails=3 fail_timeout=5s;}
config=${config//'${CHAT_SERVICE_ADDR}'/127.0.0.1:$CHAT_SERVICE_PORT}
config=${config//'[$time_iso8601]'/[\$msec]}
[[ $config == *"server 127.0.0.1:$INSTANCE_B_PORT"* ]] || die "nginx/nginx.conf's user_service upstream has changed; scripts/lab/gateway.sh renders it"
printf '%s\n' "$config" >"$GW/nginx.conf"
nginx -p "$GW" -c "$GW/nginx.conf" -g "daemon off; pid $GW/nginx.pid;" >"$GW/access.log" 2>"$OUT/logs/gateway-error.log" </dev/null &
GATEWAY_PID=$!
stop_gateway() { kill "$GATEWAY_PID" 2>/dev/null; wait "$GATEWAY_PID" 2>/dev/null; }
on_exit stop_gateway
wait_until "the lab's gateway" 20 http_get 127.0.0.1 "$LAB_GATEWAY_PORT" /health
G=http://127.0.0.1:$LAB_GATEWAY_PORT
curl -fsS -o /dev/null -X POST "$G/api/users" -H 'Content-Type: application/json' -d '{"name":"Lab","email":"lab-gateway@example.com"}'

cat "$LUA/steady.lua" "$ROOT_DIR/scripts/bench/report.lua" >"$OUT/get.lua"
cat "$ROOT_DIR/scripts/bench/create-user.lua" "$LUA/steady.lua" "$ROOT_DIR/scripts/bench/report.lua" >"$OUT/post.lua"
step "warming both instances up (3 s of the same load, not counted)"
wrk -t1 -c2 -d3s "$G/api/users/1" >/dev/null 2>&1 &
WARMUP_PID=$!
BENCH_RUN_ID=gateway-warmup-$$ wrk -t1 -c2 -d3s -s "$ROOT_DIR/scripts/bench/create-user.lua" "$G/api/users" >/dev/null 2>&1
wait "$WARMUP_PID" || true
step "steady load through the gateway: GET /api/users/1 (2 connections, ~150/s) and POST /api/users (2 connections, ~40/s)"
LOAD_START=$(date +%s.%N)
LAB_DELAY_MS=10 wrk -t1 -c2 -d120s -s "$OUT/get.lua" "$G/api/users/1" >"$OUT/wrk-get.out" 2>&1 &
GET_PID=$!
LAB_DELAY_MS=40 BENCH_RUN_ID=gateway-$$ wrk -t1 -c2 -d120s -s "$OUT/post.lua" "$G/api/users" >"$OUT/wrk-post.out" 2>&1 &
POST_PID=$!
stop_load() { kill -INT "$GET_PID" "$POST_PID" 2>/dev/null; wait "$GET_PID" "$POST_PID" 2>/dev/null || true; }
on_exit stop_load
sleep "$LOAD_BEFORE"

step "killing instance B (SIGKILL) under load"
KILLED_AT=$(date +%s.%N)
kill -KILL "$INSTANCE_B_PID"
wait "$INSTANCE_B_PID" 2>/dev/null || true
sleep "$DOWN_FOR"
step "starting instance B again"
RESTARTED_AT=$(date +%s.%N)
start_instance_b
wait_until "instance B again (see $OUT/logs/user-service-b.log)" 120 instance_b_ready
READY_AT=$(date +%s.%N)
step "instance B is ready again; load goes on for ${LOAD_AFTER}s"
sleep "$LOAD_AFTER"
LOAD_STOP=$(date +%s.%N)   # what wrk still has in flight when it stops is logged later, as 499
stop_load
sleep 1.5   # nginx's access log buffer flushes every second

report() { sed -n 's/^BENCH requests=\([0-9]*\) .* non2xx=\([0-9]*\) socket_errors=\([0-9]*\)$/\1 \2 \3/p' "$1"; }
read -r _ get_non2xx get_socket < <(report "$OUT/wrk-get.out")
read -r _ post_non2xx post_socket < <(report "$OUT/wrk-post.out")

# One line per request from the access log: seconds since the load began, method, status, the
# instance that gave the answer (A or B; the last address nginx tried), and whether nginx retried.
awk -v t0="$LOAD_START" -v t1="$LOAD_STOP" -v a="127.0.0.1:$USER_SERVICE_PORT" -v b="127.0.0.1:$INSTANCE_B_PORT" '
  /"(GET|POST) \/api\/users/ {
    match($0, /\[([0-9.]+)\]/, t); match($0, /"(GET|POST) /, m); match($0, /" ([0-9]{3}) /, s)
    match($0, /upstream=([^ ]+( : [^ ]+| , [^ ]+|, [^ ]+)*)/, u)
    n = split(u[1], tried, /[ ,:]+/); last = tried[n - 1] ":" tried[n]
    who = (last == a ? "A" : (last == b ? "B" : "-"))
    if (t[1] >= t0 && t[1] < t1) printf "%.3f %s %s %s %d\n", t[1] - t0, m[1], s[1], who, (u[1] ~ /,/) }' "$GW/access.log" >"$OUT/requests.txt"

since() { awk -v a="$LOAD_START" -v b="$1" 'BEGIN { printf "%.1f", b - a }'; }
killed=$(since "$KILLED_AT") restarted=$(since "$RESTARTED_AT") ready=$(since "$READY_AT")
# Per second: requests answered by A and by B.
awk '{ s = int($1); if ($4 == "A") a[s]++; else if ($4 == "B") b[s]++; if (s > max) max = s }
  END { for (i = 0; i <= max; i++) printf "%d %d %d\n", i, a[i] + 0, b[i] + 0 }' "$OUT/requests.txt" >"$OUT/timeline.dat"
# Balanced again: the first second after B is ready in which B answers at least a third.
balanced=$(awk -v r="$ready" '$1 >= int(r) && $2 + $3 > 0 && $3 / ($2 + $3) >= 0.33 { print $1; exit }' "$OUT/timeline.dat")
balanced_after=$([ -n "$balanced" ] && awk -v b="$balanced" -v r="$ready" 'BEGIN { d = b - r; printf "%.1f", (d < 0 ? 0 : d) }' || echo -1)

count() { awk -v m="$1" -v from="$2" -v to="$3" "\$2 == m && \$1 >= from && \$1 < to && ($4)" "$OUT/requests.txt" | wc -l; }
lab_record get.requests "$(awk '$2 == "GET"' "$OUT/requests.txt" | wc -l)"
lab_record get.errors "$(awk '$2 == "GET" && $3 != 200' "$OUT/requests.txt" | wc -l)"
lab_record get.wrk_errors "$((get_non2xx + get_socket))"
lab_record get.retried_by_gateway "$(awk '$2 == "GET" && $5 == 1' "$OUT/requests.txt" | wc -l)"
# Logged when answered: an answer B gave just before the kill is stamped a moment after it.
lab_record get.answered_by_b_while_dead "$(count GET "$(awk -v k="$killed" 'BEGIN { print k + 0.5 }')" "$restarted" '$4 == "B"')"
lab_record post.requests "$(awk '$2 == "POST"' "$OUT/requests.txt" | wc -l)"
lab_record post.wrk_errors "$((post_non2xx + post_socket))"
lab_record post.created "$(awk '$2 == "POST" && $3 == 201' "$OUT/requests.txt" | wc -l)"
lab_record post.failed "$(awk '$2 == "POST" && $3 !~ /^2/' "$OUT/requests.txt" | wc -l)"
# The gateway answers 503 (its @unavailable) for an upstream that failed mid-request.
lab_record post.failed_in_flight_at_b "$(awk -v k="$killed" '$2 == "POST" && $3 ~ /^50[23]$/ && $4 == "B" && $1 >= k && $1 < k + 2' "$OUT/requests.txt" | wc -l)"
lab_record post.retried_by_gateway "$(awk '$2 == "POST" && $5 == 1' "$OUT/requests.txt" | wc -l)"
lab_record killed_at_s "$killed"
lab_record restarted_at_s "$restarted"
lab_record ready_at_s "$ready"
lab_record balanced_after_ready_s "$balanced_after"

r() { recorded "$1"; }
table gateway <<EOF
requests (gateway's access log)	answered	errors	retried by nginx on the other instance	notes
GET /api/users/1	$(r get.requests)	$(r get.errors)	$(r get.retried_by_gateway)	B answered $(r get.answered_by_b_while_dead) while dead
POST /api/users	$(r post.requests)	$(r post.failed)	$(r post.retried_by_gateway)	$(r post.created) created, $(r post.failed_in_flight_at_b) in flight at B got the gateway's 503
EOF
table timeline <<EOF
event	seconds after the load began
instance B killed	$(r killed_at_s)
instance B started again	$(r restarted_at_s)
instance B ready	$(r ready_at_s)
B answers a third of the requests again	$(r balanced_after_ready_s) s after it was ready
EOF

chart gateway.svg <<EOF
set title "Requests per second answered by each user-service instance (through one nginx)"
set xlabel "seconds since the load began"
set ylabel "requests per second"
set grid
set key top right
set arrow from $killed, graph 0 to $killed, graph 1 nohead lc rgb "#d83b3b" dt 2
set label "B killed" at $killed, graph 0.95 offset 0.5,0 tc rgb "#d83b3b"
set arrow from $ready, graph 0 to $ready, graph 1 nohead lc rgb "#2a9d4b" dt 2
set label "B ready" at $ready, graph 0.88 offset 0.5,0 tc rgb "#2a9d4b"
plot "$OUT/timeline.dat" using 1:2 with lines lw 2 lc rgb "#3b7dd8" title "instance A", \
     "" using 1:3 with lines lw 2 lc rgb "#e09b1a" title "instance B"
EOF

lab_finish "With one of two instances killed under load, $(r get.errors) of $(r get.requests) GETs failed \
($(r get.retried_by_gateway) were retried by nginx on the other instance), $(r post.failed_in_flight_at_b) POSTs in flight at the \
killed instance got the gateway's 503 (nginx never resends a POST it has sent), and the instance took its share again \
$(r balanced_after_ready_s) s after it was ready (max_fails=3 fail_timeout=5s)."
