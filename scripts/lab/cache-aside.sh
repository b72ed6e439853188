# Lab cache-aside: the same reads on a cold and on a warm cache, counted by the stores themselves
# (PostgreSQL's pg_stat_statements, Redis's INFO keyspace_hits/misses), then one entry expiring
# under a short TTL and the next read filling it again.

require psql "sudo apt-get install postgresql-client"
require redis-cli "sudo apt-get install redis-tools"

READS=$(short && echo 200 || echo 1000)
export CACHE_TTL_SECONDS=${LAB_TTL_SECONDS:-$(short && echo 8 || echo 15)}   # longer than a pass takes
TTL_ID=$((READS + 1))   # read only in the TTL phase
WARMUP_IDS=50             # ids past it warm the JVMs up, so "cold" means the cache alone

step "starting a stack of its own (user-service with CACHE_TTL_SECONDS=$CACHE_TTL_SECONDS)"
lab_stack_up
step "seeding $((READS + 1 + WARMUP_IDS)) users with SQL, so every first read is a cache miss"
sql "insert into users (name, email) select 'Lab User ' || n, 'lab-' || n || '@example.com' from generate_series(1, $((READS + 1 + WARMUP_IDS))) as n" >/dev/null
step "warming the JVMs up on ids the lab never measures ($WARMUP_IDS ids, read three times)"
for _ in 1 2 3; do seq $((TTL_ID + 1)) $((TTL_ID + WARMUP_IDS)) | sed "s|^|$GATEWAY/api/users/|" | timed_gets >/dev/null; done

# PostgreSQL statements that read the users table, as pg_stat_statements counted them.
user_queries() {
  sql "select coalesce(sum(calls), 0) from pg_stat_statements where query ilike '%from users%' and query not ilike '%pg_stat%'"
}
redis_stat() { redis info stats | tr -d '\r' | awk -F: -v k="$1" '$1 == k { print $2 }'; }

# One pass: every id read once through the gateway; records latency, queries, Redis hits.
read_pass() { # phase name
  local phase=$1 hits misses queries p50 p99 errors
  sql "select pg_stat_statements_reset()" >/dev/null
  hits=$(redis_stat keyspace_hits) misses=$(redis_stat keyspace_misses)
  seq 1 "$READS" | sed "s|^|$GATEWAY/api/users/|" | timed_gets >"$OUT/$phase.txt"
  queries=$(user_queries)
  errors=$(awk '$1 != 200' "$OUT/$phase.txt" | wc -l)
  read -r p50 p99 < <(percentiles <"$OUT/$phase.txt")
  lab_record "$phase.reads" "$READS"
  lab_record "$phase.errors" "$errors"
  lab_record "$phase.p50_ms" "$p50"
  lab_record "$phase.p99_ms" "$p99"
  lab_record "$phase.postgres_queries" "$queries"
  lab_record "$phase.postgres_queries_per_read" "$(awk -v q="$queries" -v r="$READS" 'BEGIN { printf "%.3f", q / r }')"
  lab_record "$phase.redis_hits" "$(($(redis_stat keyspace_hits) - hits))"
  lab_record "$phase.redis_misses" "$(($(redis_stat keyspace_misses) - misses))"
  # The latency curve: each read's milliseconds against the fraction of reads at most that slow.
  awk '{ print $2 * 1000 }' "$OUT/$phase.txt" | sort -n | awk -v n="$READS" '{ print $1, NR / n }' >"$OUT/$phase.dat"
}

step "cold pass: GET /api/users/{id} for ids 1..$READS, each once (nothing cached yet)"
read_pass cold
step "warm pass: the same $READS reads again"
read_pass warm

step "TTL: user $TTL_ID read once, then watched in Redis until it expires, then read again"
sql "select pg_stat_statements_reset()" >/dev/null
curl -fsS -o /dev/null "$GATEWAY/api/users/$TTL_ID"
filled_at=$(date +%s.%N)
lab_record ttl.seconds_set "$(redis ttl "user:$TTL_ID")"
deadline=$((SECONDS + CACHE_TTL_SECONDS + 10))
while [ "$(redis exists "user:$TTL_ID")" = 1 ]; do
  [ "$SECONDS" -lt "$deadline" ] || die "user:$TTL_ID was still in Redis ${CACHE_TTL_SECONDS}s + 10s after it was filled"
  sleep 0.1
done
lab_record ttl.gone_after_seconds "$(awk -v a="$filled_at" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
queries_before=$(user_queries)
curl -fsS -o /dev/null "$GATEWAY/api/users/$TTL_ID"
lab_record ttl.refill_queries "$(($(user_queries) - queries_before))"
lab_record ttl.back_in_redis "$(redis exists "user:$TTL_ID")"
lab_record ttl.seconds_after_refill "$(redis ttl "user:$TTL_ID")"

r() { recorded "$1"; }
table reads <<EOF
pass	reads	p50 ms	p99 ms	PostgreSQL queries	per read	Redis hits	Redis misses	errors
cold	$(r cold.reads)	$(r cold.p50_ms)	$(r cold.p99_ms)	$(r cold.postgres_queries)	$(r cold.postgres_queries_per_read)	$(r cold.redis_hits)	$(r cold.redis_misses)	$(r cold.errors)
warm	$(r warm.reads)	$(r warm.p50_ms)	$(r warm.p99_ms)	$(r warm.postgres_queries)	$(r warm.postgres_queries_per_read)	$(r warm.redis_hits)	$(r warm.redis_misses)	$(r warm.errors)
EOF
table ttl <<EOF
TTL phase (user $TTL_ID)	value
TTL Redis gave the entry at fill	$(r ttl.seconds_set) s
entry gone from Redis after	$(r ttl.gone_after_seconds) s
PostgreSQL queries of the next read	$(r ttl.refill_queries)
entry back in Redis (EXISTS)	$(r ttl.back_in_redis)
its new TTL	$(r ttl.seconds_after_refill) s
EOF

chart cache-aside.svg <<EOF
set title "GET /api/users/{id} through the gateway: $READS reads, cold vs warm cache"
set xlabel "latency (ms, log scale)"
set ylabel "fraction of reads at most this slow"
set logscale x
set yrange [0:1]
set grid
set key top left
plot "$OUT/cold.dat" using 1:2 with lines lw 2 lc rgb "#d83b3b" title "cold: every read a miss (Redis, then PostgreSQL, then a put)", \
     "$OUT/warm.dat" using 1:2 with lines lw 2 lc rgb "#3b7dd8" title "warm: every read a hit (Redis only)"
EOF

speedup=$(awk -v c="$(r cold.p50_ms)" -v w="$(r warm.p50_ms)" 'BEGIN { printf "%.1f", (w > 0 ? c / w : 0) }')
lab_finish "The warm cache answered at p50 $(r warm.p50_ms) ms against $(r cold.p50_ms) ms cold (${speedup}x) \
with $(r warm.postgres_queries_per_read) PostgreSQL queries per read instead of $(r cold.postgres_queries_per_read) \
($(r warm.redis_hits) Redis hits of $READS reads); with a ${CACHE_TTL_SECONDS} s TTL the entry left Redis after \
$(r ttl.gone_after_seconds) s and the next read refilled it with $(r ttl.refill_queries) query."
