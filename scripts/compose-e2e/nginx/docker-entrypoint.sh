#!/bin/bash
# The official nginx entrypoint's template step: before nginx starts, each
# $NGINX_ENVSUBST_TEMPLATE_DIR/*.template becomes a file in $NGINX_ENVSUBST_OUTPUT_DIR with only the
# environment's variables substituted. Any other command runs as it is.
set -euo pipefail
if [ "${1:-}" = nginx ]; then
  templates=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
  suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
  output=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
  defined=$(printf '${%s} ' $(env | cut -d= -f1))
  for template in "$templates"/*"$suffix"; do
    [ -f "$template" ] || continue
    relative=${template#"$templates/"}
    mkdir -p "$output/$(dirname "$relative")"
    envsubst "$defined" <"$template" >"$output/${relative%"$suffix"}"
  done
fi
exec "$@"
