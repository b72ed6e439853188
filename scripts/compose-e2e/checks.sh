#!/usr/bin/env bash
# Part of scripts/compose-e2e.sh (sourced): what a user does with the running system, checked:
# the README's walkthrough through the gateway, docs/docker-compose.md's `docker compose exec`
# commands, and the users kept by `down` + `up`.

# The README's walkthrough block as it is, with G set to this project's gateway and each curl's
# status recorded; the statuses must be the ones the README documents.
readme_walkthrough() { # gateway URL
  local gateway=$1 block statuses expected
  block=$(awk '/^## Walkthrough/ {w=1} w && /^```bash/ {b=1; next} b && /^```/ {exit} b {print}' "$ROOT_DIR/README.md")
  grep -q '^G=' <<<"$block" || die "README.md: no walkthrough block with G= found"
  statuses=$WORK/logs/walkthrough-statuses
  : >"$statuses"
  (
    set -euo pipefail
    curl() {
      local out
      out=$(command curl -sS --max-time 20 -w '\n%{http_code}' "$@")
      printf '%s\n' "${out##*$'\n'}" >>"$statuses"
      printf '%s\n' "${out%$'\n'*}"
    }
    eval "$(sed "s|^G=.*|G=$gateway|" <<<"$block")"
    [ "$ALICE" -gt 0 ] && [ "$BOB" -gt 0 ] && [[ "$CHAT" == chat-* ]]
  ) >"$WORK/logs/walkthrough.out" 2>&1 || die "the README walkthrough failed; see $WORK/logs/walkthrough.out"
  # health x2, two creates, page, two reads, two reads for Server-Timing, update, duplicate, delete,
  # read deleted; chat create, participants, read, by participant, remove, delete, by participant;
  # unrouted path.
  expected="200 200 201 201 200 200 200 200 200 200 409 200 404 201 201 200 200 200 200 200 404"
  [ "$(tr '\n' ' ' <"$statuses" | sed 's/ $//')" = "$expected" ] \
    || die "README walkthrough statuses: $(tr '\n' ' ' <"$statuses"), documented: $expected (see $WORK/logs/walkthrough.out)"
  grep -q '^\[\]$' "$WORK/logs/walkthrough.out" || die "the walkthrough's last chats-of-Alice is not []"
  # The cache at work, as the README shows it: Redis healthy, Bob's first read a miss, his second a hit.
  grep -q '"dependencies":{"postgres":"healthy","redis":"healthy"}' "$WORK/logs/walkthrough.out" \
    || die "user-service's health does not show both stores healthy (see $WORK/logs/walkthrough.out)"
  [ "$(grep -o '^X-Cache: [A-Z]*' "$WORK/logs/walkthrough.out" | tr '\n' ' ')" = "X-Cache: MISS X-Cache: HIT " ] \
    || die "Bob's two reads are not X-Cache MISS then HIT (see $WORK/logs/walkthrough.out)"
  grep -q '"error":"Not found","message":"Route not configured in API gateway"' "$WORK/logs/walkthrough.out" \
    || die "the gateway's unrouted-path answer is not the documented JSON"
}

# docs/docker-compose.md's `docker compose exec` lines, run as written (with -T: no terminal here).
store_commands() {
  local line command output failures=0
  while IFS= read -r line; do
    command=${line#docker compose exec }
    # shellcheck disable=SC2086
    output=$(eval "compose exec -T $command" 2>&1) || { echo "failed: $line: $output" >&2; failures=1; continue; }
    printf '$ %s\n%s\n' "$line" "$output" >>"$WORK/logs/store-commands.out"
    case "$line" in
      *psql*) grep -q 'Alice Johnson' <<<"$output" || { echo "$line shows no Alice Johnson" >&2; failures=1; } ;;
      *"redis-cli GET"*) grep -q '"name":"Alice Johnson"' <<<"$output" || { echo "$line: $output" >&2; failures=1; } ;;
      *"redis-cli TTL"*) [ "${output//[^0-9-]/}" -gt 0 ] 2>/dev/null || { echo "$line: $output" >&2; failures=1; } ;;
      *list-tables*) grep -q '"ChatParticipants"' <<<"$output" && grep -q '"Chats"' <<<"$output" \
          || { echo "$line: $output" >&2; failures=1; } ;;
      *scan*) grep -q '"Count"' <<<"$output" || { echo "$line: $output" >&2; failures=1; } ;;
    esac
  done < <(grep '^docker compose exec ' "$ROOT_DIR/docs/docker-compose.md")
  [ -s "$WORK/logs/store-commands.out" ] || die "docs/docker-compose.md lists no docker compose exec command"
  [ "$failures" = 0 ] || die "docs/docker-compose.md's store commands failed (above)"
}

# GET through the gateway -> the body; fails unless 200.
gateway_get() { # gateway URL, path
  curl -fsS --max-time 20 "$1$2" || die "GET $1$2 failed"
}
