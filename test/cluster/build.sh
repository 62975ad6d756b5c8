#!/usr/bin/env bash
# Build etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kubectl and kwok from the Go module
# proxy (`go build` only: no binary is downloaded from a website, no Kubernetes source is copied into
# the repository). Binaries land once per machine in a cache directory keyed by the pinned versions:
#
#   ${PIPECRAFT_K8S_CACHE:-${XDG_CACHE_HOME:-~/.cache}/pipecraft/k8s}/k8s-<v>_etcd-<v>_kwok-<v>/bin
#
# Prints that bin directory on stdout (last line); progress goes to stderr. Idempotent: a complete
# cache entry is reused as is; concurrent builds of the same key wait for each other (flock).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$here/versions.env"

log() { printf '[cluster-build] %s\n' "$*" >&2; }

command -v go >/dev/null || { log "go is not installed (Go >= 1.24 needed)"; exit 1; }

cache_root="${PIPECRAFT_K8S_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/pipecraft/k8s}"
key="k8s-${KUBERNETES_VERSION}_etcd-${ETCD_VERSION}_kwok-${KWOK_VERSION}"
out="$cache_root/$key"
bins=(etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl kwok)

complete() {
  [ -f "$out/.complete" ] || return 1
  for b in "${bins[@]}"; do [ -x "$out/bin/$b" ] || return 1; done
}

if complete; then
  log "reusing $out/bin"
  echo "$out/bin"
  exit 0
fi

mkdir -p "$cache_root"
exec 9>"$cache_root/$key.lock"
log "waiting for the build lock $cache_root/$key.lock"
flock 9
if complete; then
  log "built meanwhile by another process: $out/bin"
  echo "$out/bin"
  exit 0
fi

start=$(date +%s)
work="$(mktemp -d "${TMPDIR:-/tmp}/pipecraft-k8s-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/bin"
log "go: $(go version); GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE)"

export CGO_ENABLED=0
goflags=(-trimpath)

# Path of a module's go.mod file in the module cache (fetched through the module proxy).
gomod_of() {
  go mod download -json "$1" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p'
}

# go directive of a go.mod file (our wrapper uses the same minimum as the wrapped module).
go_line_of() { sed -n 's/^go \([0-9.]*\)$/\1/p' "$1" | head -n1; }

# A single-binary program: a wrapper module that requires <module>@<version> and names <package>
# as a tool (so `go mod tidy` keeps its dependencies), then `go build` into the cache entry.
build_tool() {
  local name="$1" module="$2" version="$3" package="$4"
  [ -x "$out/bin/$name" ] && return 0
  local t0 d mod
  t0=$(date +%s)
  log "$name $version: wrapper module"
  d="$work/$name" && mkdir -p "$d" && cd "$d"
  mod="$(gomod_of "$module@$version")"
  printf 'module pipecraft.local/build/%s\n\ngo %s\n\nrequire %s %s\n\ntool %s\n' \
    "$name" "$(go_line_of "$mod")" "$module" "$version" "$package" >go.mod
  go mod tidy >&2
  log "$name: go build"
  go build "${goflags[@]}" -o "$out/bin/$name.tmp" "$package" >&2
  mv "$out/bin/$name.tmp" "$out/bin/$name"
  log "$name built in $(($(date +%s) - t0)) s"
}

build_tool etcd go.etcd.io/etcd/server/v3 "$ETCD_VERSION" go.etcd.io/etcd/server/v3
build_tool kwok sigs.k8s.io/kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok

# ---------------------------------------------------------------- kubernetes
# kubelet runs the real node (startCluster({ node: "real" })); kubectl is the apply benchmark's
# baseline (bench/cluster-runtime.bench.ts). An entry built before they were added only builds what
# is missing.
k8s_cmds=(kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl)
missing=()
for b in "${k8s_cmds[@]}"; do [ -x "$out/bin/$b" ] || missing+=("$b"); done
if [ "${#missing[@]}" -gt 0 ]; then
  t0=$(date +%s)
  log "kubernetes $KUBERNETES_VERSION: wrapper module"
  d="$work/kubernetes" && mkdir -p "$d" && cd "$d"
  mod="$(gomod_of "k8s.io/kubernetes@$KUBERNETES_VERSION")"
  # k8s.io/kubernetes replaces each staging module (k8s.io/api, k8s.io/client-go, ...) with a
  # directory inside its own repository; those replace lines do not apply to a module that requires
  # it. Generate the equivalent replace list from the release's own go.mod, pointing each staging
  # module at its published v0.<minor>.<patch> version.
  staging_version="v0.${KUBERNETES_VERSION#v1.}"
  replaces="$(sed -n 's#^[[:space:]]*\(k8s\.io/[A-Za-z0-9._/-]*\) => \./staging/src/.*$#\t\1 => \1 '"$staging_version"'#p' "$mod")"
  n=$(printf '%s\n' "$replaces" | grep -c . || true)
  [ "$n" -gt 10 ] || { log "found only $n staging replace lines in $mod"; exit 1; }
  log "kubernetes: $n staging modules replaced by their $staging_version releases"
  {
    printf 'module pipecraft.local/build/kubernetes\n\ngo %s\n\n' "$(go_line_of "$mod")"
    printf 'require k8s.io/kubernetes %s\n\n' "$KUBERNETES_VERSION"
    printf 'tool (\n'
    for b in "${k8s_cmds[@]}"; do printf '\tk8s.io/kubernetes/cmd/%s\n' "$b"; done
    printf ')\n\nreplace (\n%s\n)\n' "$replaces"
  } >go.mod
  go mod tidy >&2
  minor="${KUBERNETES_VERSION#v1.}" && minor="${minor%%.*}"
  ldflags=""
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $p.gitVersion=$KUBERNETES_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
    ldflags+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  log "kubernetes: go build ${missing[*]} (the long part: tens of minutes on 2 cores when cold)"
  mkdir -p "$work/k8s-out"
  pkgs=()
  for b in "${missing[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$b"); done
  go build "${goflags[@]}" -ldflags "-s -w$ldflags" -o "$work/k8s-out/" "${pkgs[@]}" >&2
  for b in "${missing[@]}"; do mv "$work/k8s-out/$b" "$out/bin/$b"; done
  log "kubernetes built in $(($(date +%s) - t0)) s"
fi

{
  echo "KUBERNETES_VERSION=$KUBERNETES_VERSION"
  echo "ETCD_VERSION=$ETCD_VERSION"
  echo "KWOK_VERSION=$KWOK_VERSION"
  echo "GO_VERSION=$(go env GOVERSION)"
  echo "BUILD_SECONDS=$(($(date +%s) - start))"
} >"$out/.complete"
log "done in $(($(date +%s) - start)) s: $out/bin"
echo "$out/bin"
