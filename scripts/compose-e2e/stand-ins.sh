#!/usr/bin/env bash
# Part of scripts/compose-e2e.sh (sourced): the store and gateway images the compose file names,
# as small stand-ins built here from Debian packages (no registry is reached). Their common root
# (Containerfile beside this file: the smoke test's Debian + JRE base plus PostgreSQL, Redis, nginx,
# envsubst, curl, wget and the AWS CLI) is cached in $CACHE like that base; each stand-in adds only
# its entrypoint (<name>/Containerfile) and is tagged with the exact name its compose image
# resolves to.

stand_in_root() {
  local here recipe
  here=$(dirname "${BASH_SOURCE[0]}")
  recipe=$( { basename "$BASE_TAR"; cat "$here/Containerfile"; } | sha256sum | cut -c1-12)
  STAND_IN_TAR=$CACHE/stand-in-root-$recipe.tar
  if [ -s "$STAND_IN_TAR" ]; then
    log "stand-ins' Debian root: $STAND_IN_TAR (cached)"
    pod load -q -i "$STAND_IN_TAR" >/dev/null || die "podman load $STAND_IN_TAR failed"
    return
  fi
  log "building the stand-ins' Debian root (first run only): apt-get install on the JRE base $(took)"
  pod load -q -i "$BASE_TAR" >/dev/null || die "podman load $BASE_TAR failed"
  pod build -q -t localhost/compose-e2e-debian:latest -f "$here/Containerfile" "$here" \
    >"$WORK/logs/build-stand-in-root.log" 2>&1 \
    || die "the stand-ins' Debian root did not build; see $WORK/logs/build-stand-in-root.log"
  pod save -q --format docker-archive -o "$STAND_IN_TAR.partial" localhost/compose-e2e-debian:latest >/dev/null \
    || die "podman save of the stand-ins' root failed"
  mv "$STAND_IN_TAR.partial" "$STAND_IN_TAR"
  find "$CACHE" -maxdepth 1 -name 'stand-in-root-*.tar' ! -path "$STAND_IN_TAR" -delete
}

# The image a compose service runs, as podman's Docker API resolves a short name (docker.io/library/).
compose_image() { # service
  local image
  image=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["services"][sys.argv[2]]["image"])' \
    "$ROOT_DIR/docker-compose.yml" "$1") || die "docker-compose.yml has no image for $1"
  case "$image" in
    */*/*) ;;
    */*) image=docker.io/$image ;;
    *) image=docker.io/library/$image ;;
  esac
  echo "$image"
}

build_stand_ins() {
  local here service context
  here=$(dirname "${BASH_SOURCE[0]}")
  stand_in_root
  pod image exists localhost/compose-e2e-debian:latest || die "the stand-ins' Debian root did not load"
  for service in postgres redis gateway localstack; do
    context=$WORK/stand-in-$service
    rm -rf "$context" && mkdir -p "$context"
    case "$service" in
      gateway) cp -r "$here/nginx/." "$context/" ;;
      localstack) cp -r "$here/localstack/." "$context/"; cp -r "$DYNAMODB_LIB" "$context/dynamodb-local" ;;
      *) cp -r "$here/$service/." "$context/" ;;
    esac
    pod build -q --network=none -t "$(compose_image "$service")" "$context" >"$WORK/logs/build-$service.log" 2>&1 \
      || die "the $service stand-in did not build; see $WORK/logs/build-$service.log"
    rm -rf "$context"
  done
  log "stand-ins: $(for s in postgres redis gateway localstack; do printf '%s ' "$(compose_image "$s")"; done)"
}
