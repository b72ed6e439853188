# Lab stale-race: the textbook cache-aside race, reproduced on purpose. A reader misses and loads
# the old row; before it fills the cache, a writer commits a new row and invalidates the key; then
# the reader's fill lands. With the textbook invalidation (a write deletes the key, a miss sets what
# it loaded: CACHE_INVALIDATION=delete-on-write, an anti-pattern that exists only for this lab) the
# old row is put back after the delete and served until its TTL runs out. With this project's
# versioned puts (the default) the writer put its newer version first and the late fill is refused.
#
# The race is made deterministic with CACHE_LAB_FILL_DELAY, a lab-only setting that holds every
# reader between its load and its fill: the lab sees the load in pg_stat_statements, then writes
# inside that gap. Nothing else is timed.

require psql "sudo apt-get install postgresql-client"
require redis-cli "sudo apt-get install redis-tools"

ROUNDS=$(short && echo 3 || echo 5)
READS_AFTER=10                 # reads of each user once the race is over
export CACHE_LAB_FILL_DELAY=1000ms
STRATEGIES=(delete-on-write versioned-put)

loads_of_one_user() {
  sql "select coalesce(sum(calls), 0) from pg_stat_statements where query ilike '%from users where id%'"
}

# One race on user $1: reader (held before its fill), writer inside the hold, then reads.
race() { # strategy id
  local strategy=$1 id=$2 reader deadline stale=0 name
  sql "select pg_stat_statements_reset()" >/dev/null
  curl -fsS -o "$OUT/$strategy-reader-$id.json" "$GATEWAY/api/users/$id" &
  reader=$!
  deadline=$((SECONDS + 5))
  until [ "$(loads_of_one_user)" -ge 1 ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "the reader of user $id never loaded it from PostgreSQL"
    sleep 0.01
  done
  # The reader holds the old row now and waits before its fill: the writer commits and invalidates.
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/json' \
    -d "{\"name\": \"New Name $id\"}" "$GATEWAY/api/users/$id"
  if kill -0 "$reader" 2>/dev/null; then
    echo "race $id: the write finished while the reader was still before its fill" >>"$OUT/$strategy.txt"
    races=$((races + 1))
  fi
  wait "$reader" || die "the reader of user $id failed"
  for _ in $(seq 1 "$READS_AFTER"); do
    name=$(curl -fsS "$GATEWAY/api/users/$id" | jq -r .name)
    [ "$name" = "New Name $id" ] || stale=$((stale + 1))
  done
  stale_reads=$((stale_reads + stale))
  if redis get "user:$id" | grep -q "Old Name $id"; then
    stale_entries=$((stale_entries + 1))
    stale_ttl=$(redis ttl "user:$id")
  fi
}

step "starting a stack of its own (user-service with CACHE_INVALIDATION=${STRATEGIES[0]}, CACHE_LAB_FILL_DELAY=$CACHE_LAB_FILL_DELAY)"
export CACHE_INVALIDATION=${STRATEGIES[0]}
lab_stack_up
step "seeding $((2 * ROUNDS)) users with SQL (\"Old Name <id>\"), none of them cached"
sql "insert into users (name, email) select 'Old Name ' || n, 'race-' || n || '@example.com' from generate_series(1, $((2 * ROUNDS))) as n" >/dev/null

id=0
for strategy in "${STRATEGIES[@]}"; do
  if [ "$strategy" != "${STRATEGIES[0]}" ]; then
    step "restarting user-service with CACHE_INVALIDATION=$strategy (the default)"
    "$ROOT_DIR/scripts/local-down.sh" --quiet --only user-service
    export CACHE_INVALIDATION=$strategy
    "$ROOT_DIR/scripts/local-up.sh" >>"$OUT/logs/local-up-again.log" 2>&1 || die "local-up.sh could not start user-service again; see $OUT/logs/local-up-again.log"
  fi
  step "$strategy: $ROUNDS races: a reader misses and loads, a PUT renames the user during the reader's hold, then $READS_AFTER reads"
  races=0 stale_reads=0 stale_entries=0 stale_ttl=0
  : >"$OUT/$strategy.txt"
  for _ in $(seq 1 "$ROUNDS"); do
    id=$((id + 1))
    race "$strategy" "$id"
  done
  lab_record "$strategy.races" "$ROUNDS"
  lab_record "$strategy.races_set_up" "$races"
  lab_record "$strategy.stale_entries" "$stale_entries"
  lab_record "$strategy.reads_after_write" "$((ROUNDS * READS_AFTER))"
  lab_record "$strategy.stale_reads" "$stale_reads"
  lab_record "$strategy.stale_ttl_seconds" "$stale_ttl"
done

r() { recorded "$1"; }
table races <<EOF
invalidation	races	write inside the reader's hold	old row left in Redis	reads after the write	stale reads served	stale entry's TTL left
delete-on-write (textbook)	$(r delete-on-write.races)	$(r delete-on-write.races_set_up)	$(r delete-on-write.stale_entries)	$(r delete-on-write.reads_after_write)	$(r delete-on-write.stale_reads)	$(r delete-on-write.stale_ttl_seconds) s
versioned-put (this project)	$(r versioned-put.races)	$(r versioned-put.races_set_up)	$(r versioned-put.stale_entries)	$(r versioned-put.reads_after_write)	$(r versioned-put.stale_reads)	-
EOF

lab_finish "In $(r delete-on-write.races_set_up) of $(r delete-on-write.races) races the textbook delete-on-write \
left the old row in Redis $(r delete-on-write.stale_entries) times and served $(r delete-on-write.stale_reads) of \
$(r delete-on-write.reads_after_write) reads after the write stale (with $(r delete-on-write.stale_ttl_seconds) s of TTL \
still to go); with versioned puts the same $(r versioned-put.races_set_up) races left it $(r versioned-put.stale_entries) \
times and served $(r versioned-put.stale_reads) stale reads."
