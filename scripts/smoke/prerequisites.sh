#!/usr/bin/env bash
# Part of scripts/container-smoke.sh (sourced): what the machine must have before anything starts.
# Needs root (rootful podman) and: apt-get install podman runc debootstrap jq curl python3-yaml
# (.ci/run installs them).

smoke_prerequisites() {
  [ "$(id -u)" = 0 ] || die "run it as root: it needs rootful podman (rootless podman cannot run here)"
  local tool
  for tool in podman:podman runc:runc curl:curl jq:jq python3:python3; do
    require "${tool%%:*}" "apt-get install -y ${tool#*:}"
  done
  python3 -c 'import yaml' 2>/dev/null || die "python3-yaml is missing: apt-get install -y python3-yaml"
  select_jdk
  [ -x "$JAVA_HOME/bin/jlink" ] || die "$JAVA_HOME has no jlink: set JAVA_HOME to a JDK 21+ (not a JRE)"
}

# The work directory, for one run at a time; logs of the previous run are replaced.
smoke_work_dir() {
  mkdir -p "$WORK" "$CACHE"
  exec 9>"$WORK/.lock"
  flock -n 9 || die "another container smoke run is using $WORK"
  rm -rf "$WORK/logs" && mkdir -p "$WORK/logs"
}
