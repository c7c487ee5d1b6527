#!/usr/bin/env bash
# Install the pinned Helm (built from source with `go install`: Debian has no helm package) so
# that `infranest verify`'s deploy step and the chart tests render, lint and scan the Helm chart.
# Idempotent: does nothing when `helm version` already answers the pinned version.
#
# It installs into /usr/local/bin (override with HELM_BIN_DIR): the one folder that is on PATH
# for every user and shell of a Debian machine, CI's included, with no profile to edit; the
# script runs as root there, like scripts/system-deps.sh. Prints the installed version.
set -euo pipefail
HELM_VERSION=v3.22.0
BIN_DIR=${HELM_BIN_DIR:-/usr/local/bin}
MODULE=helm.sh/helm/v3

answers() { [ -x "$1" ] && [ "$("$1" version --template '{{.Version}}' 2>/dev/null)" = "$HELM_VERSION" ]; }

for candidate in "$BIN_DIR/helm" "$(command -v helm || true)"; do
  if [ -n "$candidate" ] && answers "$candidate"; then
    echo "helm $HELM_VERSION already installed: $candidate" >&2
    "$candidate" version --short
    exit 0
  fi
done

command -v go >/dev/null || { echo "error: go is not on PATH; helm is built with go install" >&2; exit 1; }
mkdir -p "$BIN_DIR"
[ -w "$BIN_DIR" ] || { echo "error: $BIN_DIR is not writable; run as root or set HELM_BIN_DIR" >&2; exit 1; }

# The ldflags of Helm's own Makefile: the release's version, and the Kubernetes version its
# client libraries target (client-go v0.X.Y is Kubernetes 1.X), which `helm template` and
# `helm lint` use for .Capabilities and API deprecation checks.
dir=$(GOFLAGS=-mod=mod go mod download -json "$MODULE@$HELM_VERSION" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
client_go=$(awk '$1 == "k8s.io/client-go" { print $2; exit }' "$dir/go.mod")
kube_minor=$(echo "$client_go" | cut -d. -f2)
ldflags="-s -w -X $MODULE/internal/version.version=$HELM_VERSION"
for pkg in pkg/lint/rules pkg/chartutil; do
  ldflags+=" -X $MODULE/$pkg.k8sVersionMajor=1 -X $MODULE/$pkg.k8sVersionMinor=$kube_minor"
done

echo "building helm $HELM_VERSION (Kubernetes 1.$kube_minor) into $BIN_DIR..." >&2
GOBIN="$BIN_DIR" GOFLAGS=-mod=mod CGO_ENABLED=0 nice -n 10 \
  go install -trimpath -ldflags "$ldflags" "$MODULE/cmd/helm@$HELM_VERSION"
answers "$BIN_DIR/helm" || { echo "error: $BIN_DIR/helm does not answer $HELM_VERSION" >&2; exit 1; }
[ "$(command -v helm || true)" = "$BIN_DIR/helm" ] \
  || echo "warning: 'helm' on PATH is $(command -v helm || echo nothing), not $BIN_DIR/helm" >&2
"$BIN_DIR/helm" version --short
