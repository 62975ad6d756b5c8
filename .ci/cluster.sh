#!/usr/bin/env bash
# CI: the cluster tests. Called by .ci/run (`bash .ci/cluster.sh`) after pnpm and the packages are
# installed. Builds the control-plane binaries from the Go module proxy (or reuses the per-machine
# cache, see test/cluster/build.sh), then runs `pnpm test:cluster`. Idempotent.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[ci/cluster] %s\n' "$*" >&2; }

# --- system tools: openssl (PKI), setpriv + flock (util-linux), a Go toolchain
missing=()
command -v openssl >/dev/null || missing+=(openssl)
command -v setpriv >/dev/null || missing+=(util-linux)
command -v flock >/dev/null || missing+=(util-linux)
if ! command -v go >/dev/null; then
  # Debian's Go may be older than the go.mod files ask for: with GOTOOLCHAIN=auto (the default) the
  # go command then fetches the toolchain they name from the Go module proxy.
  missing+=(golang-go)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing from apt: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" ca-certificates >/dev/null
fi
log "$(go version)"

# --- binaries: built once per machine, keyed by the versions in test/cluster/versions.env
t0=$(date +%s)
bin="$(bash test/cluster/build.sh | tail -n1)"
log "control-plane binaries in $bin ($(($(date +%s) - t0)) s, including any build)"
export PIPECRAFT_K8S_BIN="$bin"

# --- the tests (the globalSetup starts and stops the control plane)
unset PIPECRAFT_CLUSTER # CI always tests against its own local control plane
report="$(mktemp --suffix=.json "${TMPDIR:-/tmp}/pipecraft-ci-report.XXXXXX")"
trap 'rm -f "$report"' EXIT
status=0
pnpm test:cluster --reporter=default --reporter=json --outputFile.json="$report" || status=$?
# vitest's own summary is not a closing line CI reads: print the plain one.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`cluster: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("[ci/cluster] no cluster test ran"); process.exit(1); }
' "$report" || status=1
exit "$status"
