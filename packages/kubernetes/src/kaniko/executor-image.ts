import type { KanikoBuild } from "@pipecraft/core";

// The default executor: osscontainertools/kaniko, pinned to a release.
//
// - Upstream GoogleContainerTools/kaniko was archived in June 2025. Its last images
//   (gcr.io/kaniko-project/executor:v1.23.2 and :v1.23.2-debug) still pull, but they get no
//   security or bug fixes any more.
// - Chainguard's fork (chainguard-dev/kaniko, now chainguard-forks/kaniko) is in minimal
//   maintenance (dependency updates) and publishes no public images: only source releases, and
//   images for Chainguard's customers.
// - osscontainertools/kaniko (by mzihlmann) is an actively maintained drop-in replacement with
//   the same executor flags, image layout (/kaniko/executor, /kaniko/.docker) and :debug
//   variant (busybox shell), a fixed release cadence (patch releases every two weeks, behaviour
//   changes only behind feature flags) and cosign-signed images on ghcr.io and Docker Hub
//   (martizih/kaniko). ghcr.io is the registry its README names and has no anonymous pull
//   limits like Docker Hub's.
//
// A version is pinned (never :latest or :debug) so that the generated files only change when
// this package does. Air-gapped users or those who pin by digest set `image`/`debugImage`.
const repository = "ghcr.io/osscontainertools/kaniko";
const version = "v1.28.3";

/** The default executor image of the Kubernetes pod form: no shell. */
export const DEFAULT_KANIKO_IMAGE = `${repository}:${version}`;

/** The default executor image of the GitLab job: the `-debug` variant, which has a shell. */
export const DEFAULT_KANIKO_DEBUG_IMAGE = `${repository}:${version}-debug`;

/**
 * The executor image on Kubernetes: `image`, else `debugImage` (one image given is used on
 * both targets, so a mirrored registry is never bypassed), else the default.
 */
export function kanikoImage(build: Pick<KanikoBuild, "image" | "debugImage">): string {
  return build.image ?? build.debugImage ?? DEFAULT_KANIKO_IMAGE;
}

/**
 * The executor image on GitLab, which needs a shell: `debugImage`, else `image` (which must
 * then have a shell), else the default debug image.
 */
export function kanikoDebugImage(build: Pick<KanikoBuild, "image" | "debugImage">): string {
  return build.debugImage ?? build.image ?? DEFAULT_KANIKO_DEBUG_IMAGE;
}
