import { isPlainObject } from "../templates/is-plain-object.js";

// A Kubernetes security context (container or pod level), as far as merging needs to know it.
type SecurityContextLike = object;

// Hardening must not vanish because an override sets a neighbouring field: `{ fsGroup }` keeps
// `runAsNonRoot`, `capabilities: { add }` keeps `drop: ["ALL"]`. Fields are merged one by one;
// `capabilities.add` is the union (adding is what the field says), `capabilities.drop` is
// replaced when the override sets it (the one way to drop less, written out). Other nested
// objects (seccompProfile, seLinuxOptions …) each describe one profile and are replaced whole.

/**
 * `overrides` merged over `base` field by field, `capabilities.add` joined and
 * `capabilities.drop` replaced only when given.
 * @example mergeSecurityContexts({ capabilities: { drop: ["ALL"] } }, { capabilities: { add: ["NET_RAW"] } }) // { capabilities: { drop: ["ALL"], add: ["NET_RAW"] } }
 */
export function mergeSecurityContexts<T extends SecurityContextLike>(
  base: T,
  ...overrides: readonly (T | undefined)[]
): T {
  const result: Record<string, unknown> = Object.fromEntries(Object.entries(base));
  for (const override of overrides) {
    if (override === undefined) continue;
    for (const [field, value] of Object.entries(override)) {
      if (value === undefined) continue;
      const current = result[field];
      result[field] =
        field === "capabilities" && isPlainObject(current) && isPlainObject(value)
          ? mergeCapabilities(current, value)
          : value;
    }
  }
  return result as T;
}

function mergeCapabilities(
  base: Readonly<Record<string, unknown>>,
  override: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [field, value] of Object.entries(override)) {
    if (value !== undefined) result[field] = value;
  }
  if (Array.isArray(base.add) && Array.isArray(override.add)) {
    result.add = [...new Set([...base.add, ...override.add])];
  }
  return result;
}
