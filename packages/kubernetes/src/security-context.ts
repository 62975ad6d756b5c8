import type { V1PodSecurityContext, V1SecurityContext } from "@pipecraft/core/kubernetes-types";

/**
 * What every container gets unless the job's `kubernetes.securityContext` says otherwise: no
 * privilege escalation, no Linux capabilities, the runtime's default seccomp profile (the
 * "restricted" Pod Security Standard, short of forcing a non-root user, which most CI images
 * are not built for).
 */
export const SECURE_CONTAINER_DEFAULTS: V1SecurityContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

/** The pod-level defaults: the runtime's default seccomp profile. */
export const SECURE_POD_DEFAULTS: V1PodSecurityContext = {
  seccompProfile: { type: "RuntimeDefault" },
};

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
