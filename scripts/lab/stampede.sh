# Lab stampede: N concurrent misses of one id (N = 1, 10, 100), and how many times PostgreSQL loaded
# that user (its own pg_stat_statements count), first with the project's single-flight (one load per
# id at a time), then with it switched off (CACHE_SINGLE_FLIGHT=false, a switch that exists only
# for this lab).
#
# The misses are made concurrent without timing hooks: the lab holds LOCK TABLE users for a moment
# in a session of its own, so the first load of each burst waits in PostgreSQL while the rest of the
# burst arrives and misses Redis too (Redis's own keyspace_misses says when all have); then the lock
# goes and the loads run.

require psql "sudo apt-get install postgresql-client"
require redis-cli "sudo apt-get install redis-tools"

SIZES=(1 10 100)
HOLD_SECONDS=0.8   # the longest the lock may wait for a burst: below the service's 1 s pool wait
MODES=(on off)

loads_of_one_user() {
  sql "select coalesce(sum(calls), 0) from pg_stat_statements where query ilike '%from users where id%'"
}

redis_misses() { redis info stats | tr -d '\r' | awk -F: '$1 == "keyspace_misses" { print $2 }'; }

# N GETs of user $id at once, while the lab's lock holds every load of it in PostgreSQL: the lock
# goes once Redis has counted all N misses (or after HOLD_SECONDS at most).
burst() { # mode n id
  local mode=$1 n=$2 id=$3 locker requests deadline misses_before missed loads errors args=()
  sql "select pg_stat_statements_reset()" >/dev/null
  misses_before=$(redis_misses)
  PGAPPNAME=stampede-lock psql "$DATABASE_URL" -Atqc \
    "begin; lock table users in access exclusive mode; select pg_sleep(10); commit;" >/dev/null 2>&1 &
  locker=$!
  deadline=$((SECONDS + 5))
  until [ "$(sql "select count(*) from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'users' and l.mode = 'AccessExclusiveLock' and l.granted")" = 1 ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "the lab's lock on users was never granted"
    sleep 0.01
  done
  for _ in $(seq 1 "$n"); do args+=(-o /dev/null "$GATEWAY/api/users/$id"); done
  curl -s -Z --parallel-immediate --parallel-max "$n" -w "%{http_code} %{time_total}\n" "${args[@]}" \
    >"$OUT/$mode-$n.txt" 2>>"$OUT/logs/curl.log" &
  requests=$!
  deadline=$(awk -v now="$EPOCHREALTIME" -v hold="$HOLD_SECONDS" 'BEGIN { printf "%.3f", now + hold }')
  while missed=$(($(redis_misses) - misses_before)) && [ "$missed" -lt "$n" ] \
    && awk -v now="$EPOCHREALTIME" -v end="$deadline" 'BEGIN { exit !(now < end) }'; do
    sleep 0.01
  done
  sleep 0.05   # the last miss's load reaches PostgreSQL (or the pool's queue)
  sql "select pg_cancel_backend(pid) from pg_stat_activity where application_name = 'stampede-lock'" >/dev/null
  wait "$requests" || true
  wait "$locker" || true   # cancelled: its transaction, and with it the lock, is gone
  loads=$(loads_of_one_user)
  errors=$(awk '$1 != 200' "$OUT/$mode-$n.txt" | wc -l)
  lab_record "$mode.n$n.requests" "$(wc -l <"$OUT/$mode-$n.txt")"
  lab_record "$mode.n$n.misses_while_locked" "$missed"
  lab_record "$mode.n$n.postgres_loads" "$loads"
  lab_record "$mode.n$n.errors" "$errors"
  lab_record "$mode.n$n.max_ms" "$(awk '{ ms = $2 * 1000; if (ms > max) max = ms } END { printf "%.0f", max }' "$OUT/$mode-$n.txt")"
  printf '%s %s\n' "$n" "$loads" >>"$OUT/$mode.dat"
}

step "starting a stack of its own (user-service with single-flight on, the default)"
lab_stack_up
step "seeding users with SQL, none of them cached"
sql "insert into users (name, email) select 'Stampede User ' || n, 'stampede-' || n || '@example.com' from generate_series(1, 100) as n" >/dev/null

id=50   # ids past it warm the JVM up
for mode in "${MODES[@]}"; do
  if [ "$mode" = off ]; then
    step "restarting user-service with CACHE_SINGLE_FLIGHT=false"
    "$ROOT_DIR/scripts/local-down.sh" --quiet --only user-service
    export CACHE_SINGLE_FLIGHT=false
    "$ROOT_DIR/scripts/local-up.sh" >>"$OUT/logs/local-up-again.log" 2>&1 || die "local-up.sh could not start user-service again; see $OUT/logs/local-up-again.log"
  fi
  step "single-flight $mode: warming the JVM up on ids the lab never measures"
  for _ in 1 2 3; do seq $((id + 1)) $((id + 10)) | sed "s|^|$GATEWAY/api/users/|" | timed_gets >/dev/null; done
  id=$((id + 10))
  : >"$OUT/$mode.dat"
  for n in "${SIZES[@]}"; do
    id=$((id + 1))
    step "single-flight $mode: $n concurrent GETs of user $id, all misses, while users is locked until all have missed"
    burst "$mode" "$n" "$id"
  done
done

r() { recorded "$1"; }
{
  printf 'concurrent misses\tmissed while locked on/off\tPostgreSQL loads, single-flight on\tPostgreSQL loads, off\tslowest ms on\tslowest ms off\terrors on/off\n'
  for n in "${SIZES[@]}"; do
    printf '%s\t%s/%s\t%s\t%s\t%s\t%s\t%s/%s\n' "$n" "$(r on.n$n.misses_while_locked)" "$(r off.n$n.misses_while_locked)" \
      "$(r on.n$n.postgres_loads)" "$(r off.n$n.postgres_loads)" \
      "$(r on.n$n.max_ms)" "$(r off.n$n.max_ms)" "$(r on.n$n.errors)" "$(r off.n$n.errors)"
  done
} | table loads

chart stampede.svg <<EOF
set title "N concurrent misses of one user: PostgreSQL loads"
set xlabel "concurrent misses of one id (log scale)"
set ylabel "PostgreSQL loads (log scale)"
set logscale xy
set xrange [0.8:130]
set yrange [0.8:130]
set xtics (1, 10, 100)
set ytics (1, 10, 100)
set grid
set key top left
plot "$OUT/off.dat" using 1:2 with linespoints lw 2 pt 7 lc rgb "#d83b3b" title "single-flight off (CACHE_SINGLE_FLIGHT=false)", \
     "$OUT/on.dat" using 1:2 with linespoints lw 2 pt 7 lc rgb "#3b7dd8" title "single-flight on (the default)"
EOF

times() { local count; count=$(r "$1"); [ "$count" = 1 ] && echo "once" || echo "$count times"; }
lab_finish "For 100 concurrent misses of one user PostgreSQL loaded it $(times on.n100.postgres_loads) with \
single-flight and $(times off.n100.postgres_loads) without (10 misses: $(times on.n10.postgres_loads) vs \
$(times off.n10.postgres_loads)), with $(( $(r on.n100.errors) + $(r off.n100.errors) )) errors in the 100-miss bursts."
