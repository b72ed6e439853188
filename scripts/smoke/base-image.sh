#!/usr/bin/env bash
# Part of scripts/container-smoke.sh (sourced): a small JRE base image, built offline: a Debian
# minbase root (debootstrap) plus a runtime jlink'ed from the JDK here. Cached in $CACHE, keyed on
# the JDK version and this recipe, so only the first run pays for it. Sets BASE_TAR.

# What the services need from a JRE: java.se plus the JDK modules Netty, the AWS SDK, the
# PostgreSQL driver and Actuator use.
JRE_MODULES=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.localedata,jdk.naming.dns,jdk.net,jdk.management,jdk.management.agent,jdk.jfr,jdk.zipfs,jdk.security.auth,jdk.security.jgss,jdk.nio.mapmode

# A Debian bookworm minbase root in $1, with the packages $2 (comma-separated) if any, without docs.
debian_root() {
  local rootfs=$1 include=${2:-}
  require debootstrap "apt-get install -y debootstrap (needed once, to build the cached base image)"
  debootstrap --variant=minbase ${include:+--include="$include"} bookworm "$rootfs" "$DEBIAN_MIRROR" \
    >"$WORK/logs/debootstrap.log" 2>&1 \
    || die "debootstrap of Debian bookworm from $DEBIAN_MIRROR failed; see $WORK/logs/debootstrap.log"
  rm -rf "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
    "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
}

# A runtime jlink'ed from the JDK here, in $1/opt/java/openjdk, laid out like eclipse-temurin.
add_jre() {
  local rootfs=$1
  mkdir -p "$rootfs/opt/java"
  "$JAVA_HOME/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-header-files --no-man-pages \
    --output "$rootfs/opt/java/openjdk" >"$WORK/logs/jlink.log" 2>&1 || die "jlink failed; see $WORK/logs/jlink.log"
  # The default class-data-sharing archive, as a JDK ships it: a faster start.
  "$rootfs/opt/java/openjdk/bin/java" -Xshare:dump >>"$WORK/logs/jlink.log" 2>&1 || true
}

# The root $1 imported as image $2 and saved as a docker-archive $3 (what Jib reads from tar://),
# with java on the PATH and JAVA_HOME set.
save_root_image() {
  local rootfs=$1 image=$2 tarball=$3
  tar -C "$rootfs" -c . | pod import -q \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    - "$image" >/dev/null || die "podman import of the root filesystem of $image failed"
  pod save -q --format docker-archive -o "$tarball.partial" "$image" >/dev/null \
    || die "podman save of $image failed"
  mv "$tarball.partial" "$tarball"
}

build_base() {
  local dir=$WORK/base
  log "building the JRE base image (first run only): debootstrap + jlink from $JAVA_HOME"
  rm -rf "$dir" && mkdir -p "$dir"
  # bash stays for the docker-compose healthcheck.
  debian_root "$dir/rootfs"
  add_jre "$dir/rootfs"
  save_root_image "$dir/rootfs" localhost/container-smoke-jre:latest "$BASE_TAR"
  rm -rf "$dir"
}

base_image() {
  local jdk_version recipe
  jdk_version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$JAVA_HOME/release")
  recipe=$( { declare -f build_base debian_root add_jre save_root_image; echo "$JRE_MODULES"; } | sha256sum | cut -c1-12)
  BASE_TAR=$CACHE/jre-base-bookworm-${jdk_version:-unknown}-$recipe.tar
  if [ -s "$BASE_TAR" ]; then
    log "JRE base image: $BASE_TAR (cached)"
  else
    build_base
    log "JRE base image: $BASE_TAR (built in $((SECONDS - START))s)"
    # Older bases (other JDK versions or recipes) are never used again.
    find "$CACHE" -maxdepth 1 -name 'jre-base-*.tar' ! -path "$BASE_TAR" -delete
  fi
}
