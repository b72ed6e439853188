#!/usr/bin/env bash
# Part of scripts/container-smoke.sh (sourced): both service images from the project's own Jib
# configuration (jib:buildTar from the base image), loaded into this run's podman, and checked
# against the poms: user 1000:1000, the revision label, the two exposed ports. Sets IMAGE and
# DEFAULT_MANAGEMENT_PORT per service.

# This machine's platform as Jib and OCI name it (a tar holds one platform, the base here is this one).
host_platform() {
  case "$(uname -m)" in
    x86_64 | amd64) echo linux/amd64 ;;
    aarch64 | arm64) echo linux/arm64 ;;
    *) die "no image platform for $(uname -m): the images are built for linux/amd64 and linux/arm64" ;;
  esac
}

build_images() {
  log "building both images with Jib (jib:buildTar from the base above) [$((SECONDS - START))s]"
  REVISION=$(git -C "$ROOT_DIR" rev-parse HEAD 2>/dev/null || echo unknown)
  (cd "$ROOT_DIR" && ./mvnw -B -ntp -pl user-service,chat-service -am package jib:buildTar -DskipTests \
    -Djib.from.image="tar://$BASE_TAR" -Djib.from.platforms="$(host_platform)" -Djib.disableUpdateChecks=true \
    -Dgit.revision="$REVISION") \
    >"$WORK/logs/maven.log" 2>&1 || die "the Jib build failed; see $WORK/logs/maven.log"
}

declare -A IMAGE DEFAULT_MANAGEMENT_PORT

load_images() {
  log "loading both images into podman ($STORAGE_DRIVER storage under $WORK) [$((SECONDS - START))s]"
  local service tarball loaded user label ports property port
  for service in "${SERVICES[@]}"; do
    tarball=$ROOT_DIR/$service/target/jib-image.tar
    [ -s "$tarball" ] || die "Jib wrote no $tarball"
    loaded=$(pod load -q -i "$tarball" 2>&1) || die "podman load $tarball failed: $loaded"
    IMAGE[$service]=$(awk '/^Loaded image/ {print $NF}' <<<"$loaded" | tr ',' '\n' | grep -m1 "/$service:latest$" || true)
    [ -n "${IMAGE[$service]}" ] || die "$service's image is not tagged latest (podman load said: $loaded)"
    user=$(pod image inspect --format '{{.Config.User}}' "${IMAGE[$service]}")
    [ "$user" = 1000:1000 ] || die "$service's image runs as '$user', not 1000:1000"
    label=$(pod image inspect --format '{{index .Labels "org.opencontainers.image.revision"}}' "${IMAGE[$service]}")
    [ "$label" = "$REVISION" ] || die "$service's image has revision label '$label', not $REVISION"
    # The ports the image declares, from the service's pom (the same numbers as its application.yml).
    ports=$(pod image inspect --format '{{range $port, $_ := .Config.ExposedPorts}}{{$port}} {{end}}' "${IMAGE[$service]}")
    for property in container.service-port container.management-port; do
      port=$(sed -n "s:.*<$property>\([0-9]*\)</$property>.*:\1:p" "$ROOT_DIR/$service/pom.xml")
      [[ " $ports" == *" $port/tcp "* ]] || die "$service's image exposes '$ports', not $port ($property)"
      [ "$property" = container.service-port ] || DEFAULT_MANAGEMENT_PORT[$service]=$port
    done
  done
}
