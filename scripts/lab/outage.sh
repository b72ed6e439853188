# Lab outage: Redis, PostgreSQL and DynamoDB Local stopped and started again in turn
# (scripts/local-down.sh --only, scripts/local-up.sh), while every endpoint is probed ten times a
# second through the gateway and both services' readiness is watched. Every write a client saw
# acknowledged (201) is looked for again at the end.

DOWN_FOR=$(short && echo 3 || echo 6)     # seconds each store stays stopped
STORES=(redis postgres dynamodb-local)

step "starting a stack of its own"
lab_stack_up
post() { curl -fsS -X POST "$GATEWAY$1" -H 'Content-Type: application/json' -d "$2"; }
post /api/users '{"name":"Lab Outage","email":"lab-outage-0@example.com"}' >/dev/null
CHAT=$(post /api/chats '{"name":"Lab outage chat"}' | jq -r .id)
curl -fsS -o /dev/null "$GATEWAY/api/users/1"   # cached: the read Redis serves

# --- probes ------------------------------------------------------------------------------------
# Each GET probe is one curl reading its URL ten times a second over one connection; each line it
# prints is stamped when it arrives: "<epoch seconds> <probe> <status>".
PROBES=$OUT/probes
mkdir -p "$PROBES"
stamp() { while read -r line; do echo "$EPOCHREALTIME $1 $line"; done; }
probe_get() { # name, URL
  local args=() i
  for ((i = 0; i < 1200; i++)); do args+=(-o /dev/null "$2"); done
  stdbuf -oL curl -s --rate 10/s --max-time 3 -w '%{http_code}\n' "${args[@]}" > >(stamp "$1" >"$PROBES/$(printf %s "$1" | tr -c A-Za-z0-9 _).txt") &
  PROBE_PIDS+=($!)
}
# Each POST probe creates one resource five times a second, and keeps the id of every one acknowledged.
probe_post() { # name, path, body prefix
  local n=0 reply
  while [ ! -f "$PROBES/stop" ]; do
    n=$((n + 1))
    reply=$(curl -s --max-time 3 -w '\n%{http_code}' -X POST "$GATEWAY$2" -H 'Content-Type: application/json' \
      -d "$(printf "$3" "$n")")
    echo "$EPOCHREALTIME $1 ${reply##*$'\n'} $(printf '%s' "${reply%$'\n'*}" | jq -r '.id // empty' 2>/dev/null)"
    sleep 0.2
  done >"$PROBES/$(printf %s "$1" | tr -c A-Za-z0-9 _).txt"
}
MGMT_USERS=http://127.0.0.1:$USER_MANAGEMENT_PORT/actuator/health/readiness
MGMT_CHATS=http://127.0.0.1:$CHAT_MANAGEMENT_PORT/actuator/health/readiness
PROBE_PIDS=()
probe_get "GET /api/users/1" "$GATEWAY/api/users/1"
probe_get "GET /api/users?limit=5" "$GATEWAY/api/users?limit=5"
probe_get "GET /api/chats/{id}" "$GATEWAY/api/chats/$CHAT"
probe_get "GET /api/users/health" "$GATEWAY/api/users/health"
probe_get "GET /api/chats/health" "$GATEWAY/api/chats/health"
probe_get "user-service readiness" "$MGMT_USERS"
probe_get "chat-service readiness" "$MGMT_CHATS"
probe_post "POST /api/users" /api/users '{"name":"Lab Outage","email":"lab-outage-%d@example.com"}' & PROBE_PIDS+=($!)
probe_post "POST /api/chats" /api/chats '{"name":"Lab outage chat %d"}' & PROBE_PIDS+=($!)
stop_probes() { touch "$PROBES/stop"; kill "${PROBE_PIDS[@]}" 2>/dev/null; wait "${PROBE_PIDS[@]}" 2>/dev/null || true; sleep 0.5; }
on_exit stop_probes
ENDPOINTS=("GET /api/users/1" "GET /api/users?limit=5" "POST /api/users" "GET /api/chats/{id}" "POST /api/chats"
  "GET /api/users/health" "GET /api/chats/health" "user-service readiness" "chat-service readiness")

everything_answers() {
  curl -fsS -o /dev/null "$GATEWAY/api/users?limit=5" && curl -fsS -o /dev/null "$GATEWAY/api/chats/$CHAT" \
    && curl -fsS "$MGMT_USERS" | grep -q UP && curl -fsS "$MGMT_CHATS" | grep -q UP \
    && curl -fsS "$GATEWAY/api/users/health" | grep -q '"healthy"'
}

: >"$OUT/events.txt"
sleep 2
for store in "${STORES[@]}"; do
  step "stopping $store for ${DOWN_FOR}s"
  echo "$EPOCHREALTIME $store stopped" >>"$OUT/events.txt"
  "$ROOT_DIR/scripts/local-down.sh" --quiet --only "$store"
  sleep "$DOWN_FOR"
  step "starting $store again; waiting until every endpoint answers"
  echo "$EPOCHREALTIME $store restarted" >>"$OUT/events.txt"
  "$ROOT_DIR/scripts/local-up.sh" >>"$OUT/logs/local-up-again.log" 2>&1 || die "local-up.sh could not start $store again; see $OUT/logs/local-up-again.log"
  wait_until "every endpoint after $store came back" 60 everything_answers
  sleep 1.5
  echo "$EPOCHREALTIME $store recovered" >>"$OUT/events.txt"
done
stop_probes
cat "$PROBES"/*.txt | sort -n >"$OUT/probes.txt"

# --- what was answered -------------------------------------------------------------------------
event() { awk -v s="$1" -v e="$2" '$2 == s && $3 == e { print $1 }' "$OUT/events.txt"; }
T0=$(head -n 1 "$OUT/probes.txt" | cut -d' ' -f1)
rows="" index=0
for store in "${STORES[@]}"; do
  stopped=$(event "$store" stopped) restarted=$(event "$store" restarted) recovered=$(event "$store" recovered)
  for endpoint in "${ENDPOINTS[@]}"; do
    # Statuses from the stop to the recovery; the first answer that was not a success after the
    # stop; the first success after the last failure, measured from the restart.
    read -r counts first_failure failure_status back < <(awk -v ep="$endpoint" -v s="$stopped" -v r="$restarted" \
      -v e="$recovered" '{ t = $1; $1 = ""; line = substr($0, 2) }
      index(line, ep " ") == 1 && t >= s && t <= e {
        status = substr(line, length(ep) + 2, 3); count[status]++
        ok = status ~ /^2/
        if (!ok && first == "") { first = t - s; first_status = status }
        if (!ok) { last_failure = t; back = "" } else if (last_failure != "" && back == "") back = t - r }
      END {
        for (k in count) list = list (list == "" ? "" : ",") k "x" count[k]
        printf "%s %s %s %s\n", list, (first == "" ? "-" : sprintf("%.1f", first)), (first_status == "" ? "-" : first_status),
          (last_failure == "" ? "-" : (back == "" ? "never" : sprintf("%.1f", (back < 0 ? 0 : back)))) }' "$OUT/probes.txt")
    key="$store.$(echo "$endpoint" | tr -c 'A-Za-z0-9\n' '_' | sed 's/__*/_/g; s/_$//')"
    lab_record "$key.statuses" "$counts"
    lab_record "$key.first_failure_s" "$first_failure"
    lab_record "$key.failure_status" "$failure_status"
    lab_record "$key.back_after_restart_s" "$back"
    rows+="$store	$endpoint	$counts	$([ "$first_failure" = - ] && echo - || echo "$failure_status after ${first_failure}s")	$back
"
  done
  lab_record "$store.down_s" "$(awk -v a="$stopped" -v b="$restarted" 'BEGIN { printf "%.1f", b - a }')"
  lab_record "$store.recovered_after_restart_s" "$(awk -v a="$restarted" -v b="$recovered" 'BEGIN { printf "%.1f", b - a - 1.5 }')"
done
# The status is the first three-digit word after the time (no probe name has one).
statuses() { awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^[0-9][0-9][0-9]$/) { print $1, $i; break } }' "$OUT/probes.txt"; }
lab_record server_errors_500 "$(statuses | awk '$2 == 500' | wc -l)"
lab_record redis.non_2xx "$(statuses | awk -v s="$(event redis stopped)" -v e="$(event redis recovered)" '$1 >= s && $1 <= e && $2 !~ /^2/' | wc -l)"
lab_record redis.answers "$(statuses | awk -v s="$(event redis stopped)" -v e="$(event redis recovered)" '$1 >= s && $1 <= e' | wc -l)"

# Every acknowledged write, looked for again.
mapfile -t users < <(awk '$2 == "POST" && $3 == "/api/users" && $4 == 201 { print $5 }' "$OUT/probes.txt")
mapfile -t chats < <(awk '$2 == "POST" && $3 == "/api/chats" && $4 == 201 { print $5 }' "$OUT/probes.txt")
found_users=$(sql "select count(*) from users where id in ($(IFS=,; echo "${users[*]:-0}"))")
found_chats=0
for chat in "${chats[@]}"; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY/api/chats/$chat")" != 200 ] || found_chats=$((found_chats + 1))
done
lab_record users_acknowledged "${#users[@]}"
lab_record users_found "$found_users"
lab_record chats_acknowledged "${#chats[@]}"
lab_record chats_found "$found_chats"

table outage < <(printf 'store stopped\tendpoint\tstatuses from stop to recovery\tfirst failure\tback to 2xx after restart (s)\n%s' "$rows")
r() { recorded "$1"; }
table writes <<EOF
acknowledged writes (201)	acknowledged	found again at the end
users (PostgreSQL)	$(r users_acknowledged)	$(r users_found)
chats (DynamoDB)	$(r chats_acknowledged)	$(r chats_found)
EOF

# The timeline: one row per probe, a point per answer, red when it was not a success.
awk -v t0="$T0" -v n="${#ENDPOINTS[@]}" -v list="$(IFS='|'; echo "${ENDPOINTS[*]}")" '
  BEGIN { split(list, eps, "|"); for (i = 1; i <= n; i++) row[eps[i]] = n - i + 1 }
  { t = $1; $1 = ""; line = substr($0, 2)
    for (ep in row) if (index(line, ep " ") == 1) { status = substr(line, length(ep) + 2, 3)
      print t - t0, row[ep], (status ~ /^2/ ? 0 : 1) } }' "$OUT/probes.txt" >"$OUT/timeline.dat"
{
  echo 'set title "Every probe through a Redis, a PostgreSQL and a DynamoDB outage (red: not 2xx)"'
  echo 'set xlabel "seconds"'
  echo 'unset key'
  echo 'set grid xtics'
  echo "set yrange [0.5:${#ENDPOINTS[@]}.5]"
  printf 'set ytics ('
  for i in "${!ENDPOINTS[@]}"; do printf '%s"%s" %d' "$([ "$i" = 0 ] || echo ,)" "${ENDPOINTS[$i]}" "$((${#ENDPOINTS[@]} - i))"; done
  echo ')'
  while read -r t store what; do
    [ "$what" = recovered ] && continue
    x=$(awk -v a="$t" -v b="$T0" 'BEGIN { printf "%.2f", a - b }')
    echo "set arrow from $x, graph 0 to $x, graph 1 nohead dt 2 lc rgb \"$([ "$what" = stopped ] && echo '#d83b3b' || echo '#2a9d4b')\""
    echo "set label \"$store $what\" at $x, graph 1.02 font \"sans,8\""
  done <"$OUT/events.txt"
  echo "plot \"$OUT/timeline.dat\" using 1:(\$3 == 0 ? \$2 : 1/0) with points pt 7 ps 0.3 lc rgb \"#3b7dd8\", \\"
  echo "     \"\" using 1:(\$3 == 1 ? \$2 : 1/0) with points pt 7 ps 0.5 lc rgb \"#d83b3b\""
} | sed '1i set size 1,0.95' | chart outage.svg

lost=$(($(r users_acknowledged) - $(r users_found) + $(r chats_acknowledged) - $(r chats_found)))
lab_finish "With Redis stopped $(r redis.non_2xx) of $(r redis.answers) answers were not 2xx (a cache outage only \
degrades); with PostgreSQL stopped GET /api/users?limit=5 answered $(r postgres.GET_api_users_limit_5.failure_status) \
after $(r postgres.GET_api_users_limit_5.first_failure_s) s and 2xx again $(r postgres.GET_api_users_limit_5.back_after_restart_s) s \
after the restart; with DynamoDB stopped GET /api/chats/{id} answered $(r dynamodb-local.GET_api_chats_id.failure_status) \
after $(r dynamodb-local.GET_api_chats_id.first_failure_s) s and 2xx again $(r dynamodb-local.GET_api_chats_id.back_after_restart_s) s \
after; $(r server_errors_500) answers were 500 and $lost of $(($(r users_acknowledged) + $(r chats_acknowledged))) acknowledged writes were lost."
