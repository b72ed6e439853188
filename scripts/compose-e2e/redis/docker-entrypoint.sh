#!/bin/bash
# The official redis entrypoint's contract: redis-server without a config file listens on every
# address of the container (protected mode off), as the redis user.
set -euo pipefail
if [ "${1:-}" = redis-server ]; then
  [[ "${2:-}" == *.conf ]] || set -- "$@" --protected-mode no
  exec setpriv --reuid=redis --regid=redis --init-groups "$@"
fi
exec "$@"
