#!/usr/bin/env bash
# Runs the whole system on a local kind cluster, from nothing to `curl http://localhost/api/users`:
#   1. creates the kind cluster of k8s/kind-cluster.yaml (kept if it exists),
#   2. installs F5's NGINX Ingress Controller (k8s/nginx-ingress-values.yaml),
#   3. builds the service images with Jib into the local Docker daemon and loads them into kind,
#   4. installs the chart helm/practical-system-design and waits until every pod is ready,
#   5. runs `helm test`, then prints the URLs and port-forward commands.
# Safe to run again: every step is an idempotent create-or-upgrade. scripts/kind-down.sh undoes it.
#
# Environment: KIND_CLUSTER_NAME (practical-system-design), NAMESPACE (practical-system-design),
# RELEASE (practical-system-design), NGINX_INGRESS_CHART_VERSION (2.4.4), SKIP_BUILD=1 to reuse
# images already in the Docker daemon.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$SCRIPT_DIR/lib.sh"

CLUSTER=${KIND_CLUSTER_NAME:-practical-system-design}
NAMESPACE=${NAMESPACE:-practical-system-design}
RELEASE=${RELEASE:-practical-system-design}
INGRESS_NAMESPACE=nginx-ingress
INGRESS_CHART=oci://ghcr.io/nginx/charts/nginx-ingress
INGRESS_CHART_VERSION=${NGINX_INGRESS_CHART_VERSION:-2.4.4}
CHART=$ROOT_DIR/helm/practical-system-design
SERVICES=(user-service chat-service)

# --- 0. tools: one line for each one that is missing ----------------------------------------------
missing=0
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    printf 'kind-up.sh: %s is not installed: %s\n' "$1" "$2" >&2
    missing=1
  fi
}
need docker "https://docs.docker.com/get-docker/"
need kind "https://kind.sigs.k8s.io/docs/user/quick-start/#installation (0.30 or newer)"
need kubectl "https://kubernetes.io/docs/tasks/tools/"
need helm "https://helm.sh/docs/intro/install/ (3.8 or newer, for OCI charts)"
[ "$missing" = 0 ] || exit 1
docker info >/dev/null 2>&1 || die "docker is installed but its daemon does not answer: start Docker (Desktop) first"
select_jdk

KUBECTL=(kubectl --context "kind-$CLUSTER")
HELM=(helm --kube-context "kind-$CLUSTER")

# --- 1. the cluster -------------------------------------------------------------------------------
if kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
  log "kind cluster $CLUSTER exists; reusing it"
else
  log "creating kind cluster $CLUSTER (ports 80/443 on localhost)"
  kind create cluster --name "$CLUSTER" --config "$ROOT_DIR/k8s/kind-cluster.yaml" --wait 180s
fi
"${KUBECTL[@]}" wait --for=condition=Ready node --all --timeout=180s >/dev/null

# --- 2. the ingress controller --------------------------------------------------------------------
log "installing F5 NGINX Ingress Controller $INGRESS_CHART_VERSION into namespace $INGRESS_NAMESPACE"
"${HELM[@]}" upgrade --install nginx-ingress "$INGRESS_CHART" --version "$INGRESS_CHART_VERSION" \
  --namespace "$INGRESS_NAMESPACE" --create-namespace \
  -f "$ROOT_DIR/k8s/nginx-ingress-values.yaml" --wait --timeout 5m

# --- 3. the images --------------------------------------------------------------------------------
cd "$ROOT_DIR"
VERSION=$(./mvnw -B -ntp help:evaluate -Dexpression=project.version -q -DforceStdout)
[ -n "$VERSION" ] || die "could not read the project version from pom.xml"
if [ "${SKIP_BUILD:-0}" = 1 ]; then
  log "SKIP_BUILD=1: using the images already in the Docker daemon"
else
  log "building ${SERVICES[*]} $VERSION with Jib into the local Docker daemon"
  ./mvnw -B -ntp -pl user-service,chat-service -am package jib:dockerBuild -DskipTests \
    -Dgit.revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
fi
# The image id of a service's freshly built image (bash 3.2 on macOS: no associative arrays).
image_id() {
  docker image inspect --format '{{.Id}}' "practical-system-design/$1:$VERSION" 2>/dev/null \
    || die "image practical-system-design/$1:$VERSION is not in the Docker daemon (SKIP_BUILD=1 needs a previous build)"
}
for service in "${SERVICES[@]}"; do
  image_id "$service" >/dev/null
  log "loading practical-system-design/$service:$VERSION into kind"
  kind load docker-image "practical-system-design/$service:$VERSION" --name "$CLUSTER"
done
USER_SERVICE_IMAGE_ID=$(image_id user-service)
CHAT_SERVICE_IMAGE_ID=$(image_id chat-service)

# --- 4. the chart ---------------------------------------------------------------------------------
# The stores are subcharts kept unpacked in charts/; a build is only needed if one went missing.
if "${HELM[@]}" dependency list "$CHART" 2>/dev/null | grep -q 'missing'; then
  "${HELM[@]}" dependency build "$CHART"
fi
log "installing release $RELEASE into namespace $NAMESPACE (the first run pulls PostgreSQL, Redis and LocalStack)"
# The image-id annotations roll the pods when a rebuilt image keeps its (SNAPSHOT) tag.
"${HELM[@]}" upgrade --install "$RELEASE" "$CHART" \
  --namespace "$NAMESPACE" --create-namespace \
  --set-string "userService.image.tag=$VERSION" \
  --set-string "chatService.image.tag=$VERSION" \
  --set-string "userService.podAnnotations.image-id=$USER_SERVICE_IMAGE_ID" \
  --set-string "chatService.podAnnotations.image-id=$CHAT_SERVICE_IMAGE_ID" \
  --wait --timeout 10m

# --- 5. check and tell ----------------------------------------------------------------------------
log "helm test: health and one create/read per service through the gateway"
"${HELM[@]}" test "$RELEASE" --namespace "$NAMESPACE" --logs --timeout 5m

if command -v curl >/dev/null 2>&1; then
  wait_until "the Ingress on http://localhost" 120 curl -fsS -o /dev/null http://localhost/health
fi

cat <<EOF

Practical System Design $VERSION is running on kind cluster "$CLUSTER", namespace "$NAMESPACE".

Through the Ingress (F5 NGINX Ingress Controller on localhost:80):

  curl http://localhost/health
  curl http://localhost/api/users
  curl -X POST http://localhost/api/users -H 'Content-Type: application/json' \\
       -d '{"name":"Alice Smith","email":"alice@example.com"}'
  curl -X POST http://localhost/api/chats -H 'Content-Type: application/json' \\
       -d '{"name":"Project Alpha","metadata":{"type":"project"}}'

With port-forward instead (no ingress involved):

  kubectl --context kind-$CLUSTER -n $NAMESPACE port-forward svc/gateway 8080:80
  curl http://localhost:8080/api/users
  kubectl --context kind-$CLUSTER -n $NAMESPACE port-forward svc/user-service 8001:8001
  kubectl --context kind-$CLUSTER -n $NAMESPACE port-forward deploy/user-service 9001:9001   # Actuator

Again later: helm test $RELEASE -n $NAMESPACE --logs    Tear down: scripts/kind-down.sh
EOF
