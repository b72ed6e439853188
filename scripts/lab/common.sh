# What every lab shares: its output directory, a stack of its own, the evidence it records, its
# table and its chart. Sourced by scripts/lab.sh before the lab itself; not run on its own.
#
# A lab records each measured number with lab_record; lab_finish writes them to results.json
# (the file the lab tests read), so the table, the conclusion and the tests all use one set of
# numbers.

LAB_SHORT=${LAB_SHORT:-0}
OUT=${LAB_OUT:-$ROOT_DIR/target/labs/$LAB_NAME}
LAB_START=$SECONDS
case "$OUT" in / | "$HOME" | "$ROOT_DIR" | "$ROOT_DIR/") die "LAB_OUT=$OUT would be emptied: name a directory of its own" ;; esac
rm -rf "$OUT"
mkdir -p "$OUT/logs"
: >"$OUT/results.tsv"

require curl "sudo apt-get install curl"
require jq "sudo apt-get install jq"
select_jdk

step() { printf '==> [%3ss] %s\n' "$((SECONDS - LAB_START))" "$*"; }
short() { [ "$LAB_SHORT" = 1 ]; }

# Cleanup steps of the lab itself run first (last registered, first run), then the stack goes.
LAB_CLEANUPS=()
on_exit() { LAB_CLEANUPS+=("$1"); }
lab_cleanup() {
  local status=$? index
  set +e
  for ((index = ${#LAB_CLEANUPS[@]} - 1; index >= 0; index--)); do
    ${LAB_CLEANUPS[$index]} >>"$OUT/logs/cleanup.log" 2>&1
  done
  if [ -d "${RUN_DIR:-}" ]; then
    "$ROOT_DIR/scripts/local-down.sh" >>"$OUT/logs/cleanup.log" 2>&1
    cp -r "$RUN_DIR/logs/." "$OUT/logs/" 2>/dev/null
    rm -rf "$RUN_DIR"   # the stores' data: each lab starts from nothing
  fi
  [ "$status" = 0 ] || printf '%s: failed after %ss; logs in %s\n' "$LAB_NAME" "$((SECONDS - LAB_START))" "$OUT/logs" >&2
  exit "$status"
}
trap lab_cleanup EXIT
trap 'exit 130' INT TERM

# --- a stack of its own ------------------------------------------------------------------------
# A free port below the kernel's ephemeral range (where a client's outgoing connection could take
# it between the check and the bind), never one this lab already picked.
PICKED_PORTS=" "
read -r EPHEMERAL_LOW _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || EPHEMERAL_LOW=32768
lab_port() { # the variables to set
  local name
  for name in "$@"; do
    lab_port_pick
    printf -v "$name" '%s' "$LAB_PORT"
  done
}
lab_port_pick() {
  local port
  for _ in $(seq 1 200); do
    port=$((15000 + RANDOM % (EPHEMERAL_LOW - 15000)))
    if [[ $PICKED_PORTS != *" $port "* ]] && ! port_open 127.0.0.1 "$port"; then
      PICKED_PORTS+="$port "
      LAB_PORT=$port
      return
    fi
  done
  die "found no free TCP port on 127.0.0.1 below $EPHEMERAL_LOW"
}
# scripts/local-up.sh on free ports, with its own PostgreSQL, Redis and DynamoDB Local under
# $OUT/run. PostgreSQL is prepared first with pg_stat_statements loaded, so a lab can count the
# queries the database itself saw. Extra settings for the services go in the environment.
lab_stack_up() {
  local attempt
  for attempt in 1 2; do
    lab_stack_attempt && break
    # Another program can take a port between the check and the bind (DynamoDB Local then exits
    # without a word): once more, on other ports.
    [ "$attempt" = 1 ] || die "scripts/local-up.sh failed: $(grep -v '^==>' "$OUT/logs/local-up.log" | tail -n 1) (see $OUT/logs/local-up.log)"
    step "local-up.sh failed ($(grep -v '^==>' "$OUT/logs/local-up.log" | head -n 1 | cut -c1-120)); once more on other ports"
    "$ROOT_DIR/scripts/local-down.sh" --quiet >/dev/null 2>&1 || true
    mkdir -p "$OUT/logs/attempt-1"
    cp -r "$OUT/logs/local-up.log" "$RUN_DIR/logs/." "$OUT/logs/attempt-1/" 2>/dev/null
    rm -rf "$RUN_DIR"
  done
  GATEWAY=http://127.0.0.1:$GATEWAY_PORT
  DATABASE_URL=postgresql://postgres@127.0.0.1:$POSTGRES_PORT/users
  psql "$DATABASE_URL" -qc "create extension if not exists pg_stat_statements" >/dev/null
}

lab_stack_attempt() {
  export RUN_DIR=$OUT/run
  export GATEWAY_PORT USER_SERVICE_PORT CHAT_SERVICE_PORT USER_MANAGEMENT_PORT CHAT_MANAGEMENT_PORT \
    DYNAMODB_PORT POSTGRES_PORT REDIS_PORT
  lab_port GATEWAY_PORT USER_SERVICE_PORT CHAT_SERVICE_PORT USER_MANAGEMENT_PORT CHAT_MANAGEMENT_PORT \
    DYNAMODB_PORT POSTGRES_PORT REDIS_PORT
  unset DATABASE_URL REDIS_URL DYNAMODB_ENDPOINT
  "$ROOT_DIR/scripts/private-store.sh" start postgres "$RUN_DIR/postgres" "$POSTGRES_PORT" >"$OUT/logs/prepare.log" 2>&1 \
    || return 1
  psql "postgresql://postgres@127.0.0.1:$POSTGRES_PORT/users" -qc \
    "alter system set shared_preload_libraries = 'pg_stat_statements'" >>"$OUT/logs/prepare.log" 2>&1
  "$ROOT_DIR/scripts/private-store.sh" stop postgres "$RUN_DIR/postgres" >>"$OUT/logs/prepare.log" 2>&1
  "$ROOT_DIR/scripts/local-up.sh" >"$OUT/logs/local-up.log" 2>&1
}

sql() { psql "$DATABASE_URL" -Atqc "$1"; }
redis() { redis-cli -p "$REDIS_PORT" "$@"; }

# --- evidence ----------------------------------------------------------------------------------
lab_record() { printf '%s\t%s\n' "$1" "$2" >>"$OUT/results.tsv"; }   # key, value
recorded() { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print v }' "$OUT/results.tsv"; }

# Prints a table from tab-separated lines on stdin (the first is the header), aligned.
table() {
  local file=$OUT/table-$1.tsv
  cat >"$file"
  echo
  column -t -s $'\t' "$file" | sed '1{p;s/./-/g}' | sed 's/^/    /'
  echo
}

# Writes results.json: every recorded number (numbers as numbers), the conclusion, the duration.
lab_finish() { # conclusion
  lab_record conclusion "$1"
  lab_record seconds "$((SECONDS - LAB_START))"
  jq -R -n '[inputs | split("\t") | {key: .[0], value: (.[1] | tonumber? // .)}] | from_entries' \
    "$OUT/results.tsv" >"$OUT/results.json"
  printf 'Conclusion: %s\n\n' "$1"
  echo "Written: $OUT/results.json$(ls "$OUT"/*.svg 2>/dev/null | sed 's/^/, /' | tr -d '\n') (in $((SECONDS - LAB_START))s)"
}

# Draws an SVG with gnuplot from a script on stdin; a missing gnuplot only costs the chart.
chart() { # file name
  if ! command -v gnuplot >/dev/null; then
    step "no chart: gnuplot is not installed (sudo apt-get install gnuplot-nox)"
    cat >/dev/null
    return 0
  fi
  { printf 'set terminal svg size 800,400 dynamic noenhanced font "sans,11" background rgb "white"\n'
    printf 'set output "%s"\n' "$OUT/$1"
    cat; } | gnuplot 2>"$OUT/logs/gnuplot-$1.log" || step "gnuplot could not draw $1; see $OUT/logs/gnuplot-$1.log"
}

# --- measuring HTTP -----------------------------------------------------------------------------
# GETs each URL on stdin over one connection; prints one line per request: status, seconds.
timed_gets() {
  local args=() url
  while read -r url; do args+=(-o /dev/null "$url"); done
  curl -s -w "%{http_code} %{time_total}\n" "${args[@]}"
}

# p50 and p99 in milliseconds of the seconds in column 2 of stdin: "p50 p99".
percentiles() {
  awk '{ print $2 * 1000 }' | sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "0 0"; exit }
    i50 = int(NR * 0.50 + 0.5); i99 = int(NR * 0.99 + 0.5); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1
    printf "%.2f %.2f\n", v[i50], v[i99] }'
}
