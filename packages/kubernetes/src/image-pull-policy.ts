/** GitLab's `pull_policy` as Kubernetes' `imagePullPolicy` (a list: the first policy). */
export function imagePullPolicy(
  policy: string | readonly string[] | undefined,
): string | undefined {
  const first = Array.isArray(policy) ? policy[0] : policy;
  switch (first) {
    case "always":
      return "Always";
    case "never":
      return "Never";
    case "if-not-present":
      return "IfNotPresent";
    default:
      return undefined;
  }
}
