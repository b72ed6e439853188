#!/usr/bin/env bash
# Undoes scripts/kind-up.sh: deletes the kind cluster, and with it everything installed into it.
# With --keep-cluster, only the release and its namespace go; the cluster, the ingress controller and
# the loaded images stay for a faster next kind-up.sh. Safe to run twice.
#
# Environment: KIND_CLUSTER_NAME (practical-system-design), NAMESPACE (practical-system-design),
# RELEASE (practical-system-design).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$SCRIPT_DIR/lib.sh"

CLUSTER=${KIND_CLUSTER_NAME:-practical-system-design}
NAMESPACE=${NAMESPACE:-practical-system-design}
RELEASE=${RELEASE:-practical-system-design}

keep_cluster=0
case "${1:-}" in
  "") ;;
  --keep-cluster) keep_cluster=1 ;;
  *) die "usage: kind-down.sh [--keep-cluster]" ;;
esac

require kind "https://kind.sigs.k8s.io/docs/user/quick-start/#installation"

if ! kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
  log "no kind cluster named $CLUSTER; nothing to do"
  exit 0
fi

if [ "$keep_cluster" = 1 ]; then
  require helm "https://helm.sh/docs/intro/install/"
  require kubectl "https://kubernetes.io/docs/tasks/tools/"
  if helm --kube-context "kind-$CLUSTER" status "$RELEASE" --namespace "$NAMESPACE" >/dev/null 2>&1; then
    log "uninstalling release $RELEASE"
    helm --kube-context "kind-$CLUSTER" uninstall "$RELEASE" --namespace "$NAMESPACE" --wait --timeout 5m
  fi
  log "deleting namespace $NAMESPACE"
  kubectl --context "kind-$CLUSTER" delete namespace "$NAMESPACE" --ignore-not-found --wait --timeout=5m
  log "done; the cluster $CLUSTER and its ingress controller are still running"
else
  log "deleting kind cluster $CLUSTER"
  kind delete cluster --name "$CLUSTER"
fi
