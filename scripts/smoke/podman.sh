#!/usr/bin/env bash
# Part of scripts/container-smoke.sh (sourced): a rootful podman of this run's own. Its storage is
# under $WORK and its run state in a short-lived directory (podman refuses a runroot path over 50
# characters): /var/lib/containers is never read or written.

# overlay storage when the kernel lets us mount it here (fast); vfs otherwise (copies every layer).
overlay_mounts() {
  local probe=$WORK/overlay-probe ok=1
  rm -rf "$probe" && mkdir -p "$probe/lower" "$probe/upper" "$probe/work" "$probe/merged"
  if mount -t overlay overlay -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" \
      "$probe/merged" 2>/dev/null; then
    umount "$probe/merged" && ok=0
  fi
  rm -rf "$probe"
  return "$ok"
}

podman_setup() {
  STORAGE_DRIVER=${SMOKE_STORAGE_DRIVER:-$(overlay_mounts && echo overlay || echo vfs)}
  RUNROOT=$(mktemp -d /tmp/psd-smoke.XXXXXX)
  # A killed run leaves storage bound to its own run directory, which podman then refuses: start empty.
  findmnt -rn -o TARGET | grep -F "$WORK/storage/" | sort -r | xargs -r -n 1 umount -l 2>/dev/null || true
  rm -rf "$WORK/storage"
}

pod() {
  podman --root "$WORK/storage" --runroot "$RUNROOT/run" --tmpdir "$RUNROOT/tmp" \
    --storage-driver "$STORAGE_DRIVER" --cgroup-manager cgroupfs --events-backend file --runtime runc \
    --log-level error "$@"
}

# Every image, mount and directory this podman made.
podman_teardown() {
  [ -n "${RUNROOT:-}" ] || return 0
  pod rmi -a -f >/dev/null 2>&1
  findmnt -rn -o TARGET | grep -F -e "$WORK/" -e "$RUNROOT/" | sort -r | xargs -r -n 1 umount -l 2>/dev/null
  rm -rf "$WORK/storage" "$WORK/base" "$RUNROOT"
}
