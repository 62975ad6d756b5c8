#!/usr/bin/env bash
# Build the real node's container images from Debian's packages (no image registry is reachable
# here) as OCI archives, once per machine, in a cache directory keyed by this script's content:
#
#   ${PIPECRAFT_IMAGE_CACHE:-${XDG_CACHE_HOME:-~/.cache}/pipecraft/images}/<sha of this script>/
#
# Each image is one layer (a root file system tar) and is named localhost/pipecraft-test/<name>:<tag>,
# the name the tests use with imagePullPolicy: Never. The harness imports the archives into each
# node's containerd (`ctr -n k8s.io images import`).
#
#   busybox:1   busybox-static only (service sidecars, small jobs)
#   pause:1     the same root file system, whose command sleeps until SIGTERM (the Pod sandbox)
#   debian:12   mmdebstrap minbase of bookworm + busybox, git, openssh-client (git over SSH),
#               ca-certificates, sudo, iputils-ping, a non-root user `ci` (uid 1000, password-less
#               sudo) and a local apt repository
#
# To add an image: write a `rootfs_<name>` function that writes a root file system tar to $1, add a
# `build_image` line for it below (name, tag, entry command), and use the printed name in the test.
# Needs root, mmdebstrap and apt-get (Debian's package mirror). Prints the cache directory on stdout
# (last line); progress goes to stderr. Concurrent builds wait for each other (flock).
set -euo pipefail

log() { printf '[node-images] %s\n' "$*" >&2; }

self="${BASH_SOURCE[0]}"
cache_root="${PIPECRAFT_IMAGE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/pipecraft/images}"
key="$(sha256sum "$self" | cut -c1-16)"
out="$cache_root/$key"
images=(busybox-1 pause-1 debian-12)

complete() {
  [ -f "$out/.complete" ] || return 1
  for i in "${images[@]}"; do [ -s "$out/$i.oci.tar" ] || return 1; done
}
if complete; then
  log "reusing $out"
  echo "$out"
  exit 0
fi
mkdir -p "$cache_root"
exec 9>"$cache_root/$key.lock"
flock 9
if complete; then
  echo "$out"
  exit 0
fi
for tool in mmdebstrap apt-get jq gzip; do
  command -v "$tool" >/dev/null || { log "$tool is not installed (.ci/run installs it)"; exit 1; }
done

start=$(date +%s)
work="$(mktemp -d "${TMPDIR:-/tmp}/pipecraft-images.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
export SOURCE_DATE_EPOCH=0

rootfs_busybox() {
  local r="$work/busybox-root"
  mkdir -p "$r/bin" "$r/etc" "$r/tmp" "$r/root" "$r/var/www" "$work/debs"
  (cd "$work/debs" && apt-get download busybox-static >&2)
  dpkg-deb -x "$work"/debs/busybox-static_*.deb "$work/busybox-deb"
  cp "$work/busybox-deb/bin/busybox" "$r/bin/busybox"
  for applet in $("$r/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$r/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$r/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$r/etc/group"
  chmod 1777 "$r/tmp"
  tar --sort=name --mtime=@0 --numeric-owner -C "$r" -cf "$1" .
}

# Pods have no route out, so the image's apt sources are one local repository (/opt/apt-local,
# holding the `hello` package) instead of Debian's mirror: `apt-get update && apt-get install hello`
# works offline and goes through apt's own privilege drop to the `_apt` user, as on a real mirror.
rootfs_debian() {
  # shellcheck disable=SC2016 # the hooks' $1 is mmdebstrap's chroot directory
  mmdebstrap --variant=minbase --mode=root --format=tar \
    --include=busybox,git,openssh-client,ca-certificates,sudo,iputils-ping,apt-utils \
    --customize-hook='chroot "$1" useradd --create-home --uid 1000 --shell /bin/bash ci' \
    --customize-hook='echo "ci ALL=(ALL) NOPASSWD:ALL" >"$1/etc/sudoers.d/ci"' \
    --customize-hook='mkdir -p "$1/opt/apt-local" && chroot "$1" sh -c "cd /opt/apt-local && apt-get download hello && apt-ftparchive packages . >Packages"' \
    --customize-hook='rm -f "$1/etc/apt/sources.list" "$1"/etc/apt/sources.list.d/*' \
    --customize-hook='echo "deb [trusted=yes] file:/opt/apt-local ./" >"$1/etc/apt/sources.list.d/local.list"' \
    bookworm "$1" http://deb.debian.org/debian >&2
}

# One-layer OCI archive named $1:$2 (localhost/pipecraft-test/<name>:<tag>) from the rootfs tar $3;
# $4 is the image's Cmd as a JSON array.
build_image() {
  local name="$1" tag="$2" rootfs="$3" cmd="$4" t0 d layer diff_id config manifest ref
  t0=$(date +%s)
  ref="localhost/pipecraft-test/$name:$tag"
  d="$work/oci-$name" && mkdir -p "$d/blobs/sha256"
  diff_id="$(sha256sum "$rootfs" | cut -d' ' -f1)"
  gzip -n -1 -c "$rootfs" >"$d/layer.gz"
  layer="$(sha256sum "$d/layer.gz" | cut -d' ' -f1)"
  mv "$d/layer.gz" "$d/blobs/sha256/$layer"
  jq -cn --arg diff "sha256:$diff_id" --argjson cmd "$cmd" '{
      architecture: "amd64", os: "linux", created: "1970-01-01T00:00:00Z",
      config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                Cmd: $cmd, WorkingDir: "/" },
      rootfs: { type: "layers", diff_ids: [$diff] } }' >"$d/config.json"
  config="$(sha256sum "$d/config.json" | cut -d' ' -f1)"
  jq -cn --arg c "sha256:$config" --argjson cs "$(stat -c %s "$d/config.json")" \
    --arg l "sha256:$layer" --argjson ls "$(stat -c %s "$d/blobs/sha256/$layer")" '{
      schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $l, size: $ls }] }' \
    >"$d/manifest.json"
  mv "$d/config.json" "$d/blobs/sha256/$config"
  manifest="$(sha256sum "$d/manifest.json" | cut -d' ' -f1)"
  jq -cn --arg m "sha256:$manifest" --argjson ms "$(stat -c %s "$d/manifest.json")" --arg ref "$ref" '{
      schemaVersion: 2,
      manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $m, size: $ms,
        annotations: { "io.containerd.image.name": $ref, "org.opencontainers.image.ref.name": $ref } }] }' \
    >"$d/index.json"
  mv "$d/manifest.json" "$d/blobs/sha256/$manifest"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$d/oci-layout"
  tar --sort=name --mtime=@0 --numeric-owner -C "$d" -cf "$out/$name-$tag.oci.tar.tmp" oci-layout index.json blobs
  mv "$out/$name-$tag.oci.tar.tmp" "$out/$name-$tag.oci.tar"
  rm -rf "$d"
  log "$ref built in $(($(date +%s) - t0)) s"
}

t0=$(date +%s)
rootfs_busybox "$work/busybox.tar"
build_image busybox 1 "$work/busybox.tar" '["/bin/sh"]'
# shellcheck disable=SC2016 # the pause command is for the container's shell
build_image pause 1 "$work/busybox.tar" \
  '["/bin/sh","-c","trap \"exit 0\" TERM INT; while :; do sleep 3600 & wait $!; done"]'
rm -f "$work/busybox.tar"
rootfs_debian "$work/debian.tar"
log "debian rootfs in $(($(date +%s) - t0)) s"
build_image debian 12 "$work/debian.tar" '["/bin/bash"]'
rm -f "$work/debian.tar"

echo "BUILD_SECONDS=$(($(date +%s) - start))" >"$out/.complete"
log "done in $(($(date +%s) - start)) s: $out"
echo "$out"
