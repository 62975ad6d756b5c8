import type { V1PodSecurityContext, V1SecurityContext } from "@pipecraft/core/kubernetes-types";

/** The Pod Security Standard a job's Pod is written for (`kubernetes.podSecurity`). */
export type PodSecurityLevel = "baseline" | "restricted";

const RUNTIME_DEFAULT_SECCOMP = { type: "RuntimeDefault" } as const;

/**
 * What every container gets unless the job's `kubernetes.securityContext` says otherwise.
 * `baseline` (the default) sets nothing: the runtime's default capabilities and privilege
 * escalation, as GitLab's Kubernetes executor runs jobs (apt, sudo, chown, ping work as root).
 * `restricted` meets the "restricted" Pod Security Standard: no escalation, no capabilities, a
 * non-root user.
 */
export function containerSecurityDefaults(level: PodSecurityLevel): V1SecurityContext {
  return level === "restricted"
    ? { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsNonRoot: true }
    : {};
}

/** The pod-level defaults: the runtime's default seccomp profile (and non-root for `restricted`). */
export function podSecurityDefaults(level: PodSecurityLevel): V1PodSecurityContext {
  return level === "restricted"
    ? { runAsNonRoot: true, seccompProfile: RUNTIME_DEFAULT_SECCOMP }
    : { seccompProfile: RUNTIME_DEFAULT_SECCOMP };
}

/**
 * `image.kubernetes.user` (`1000`, `"1000"` or `"1000:1000"`) as a security context; undefined
 * when absent. A user name cannot be expressed (Kubernetes wants numbers) and is reported.
 */
export function imageUser(
  user: string | number | undefined,
): V1SecurityContext | undefined | "not-numeric" {
  if (user === undefined) return undefined;
  const match = /^(\d+)(?::(\d+))?$/.exec(String(user));
  if (match === null) return "not-numeric";
  return match[2] === undefined
    ? { runAsUser: Number(match[1]) }
    : { runAsUser: Number(match[1]), runAsGroup: Number(match[2]) };
}

/** A merged container securityContext, or undefined when it sets nothing. */
export function nonEmpty(context: V1SecurityContext): V1SecurityContext | undefined {
  return Object.keys(context).length === 0 ? undefined : context;
}
