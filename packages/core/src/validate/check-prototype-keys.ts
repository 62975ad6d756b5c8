import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { formatPath, type PathSegment } from "../diagnostics/path.js";
import { isPlainObject } from "../templates/is-plain-object.js";

// A key "__proto__" (from JSON.parse, Object.fromEntries or a computed key) is an own entry of
// the user's object, but every copy made by ordinary assignment (zod's records among them) sets
// the copy's prototype instead, so the job or variable would vanish without a word. It is
// rejected where it is written, before anything copies it.
const PROTOTYPE_KEY = "__proto__";

/**
 * An error at every `__proto__` key of `value` (at any depth), e.g.
 * `jobs["__proto__"]: "__proto__" cannot be a name here: …; rename it`.
 */
export function checkPrototypeKeys(
  value: unknown,
  path: readonly PathSegment[] = [],
  seen: Set<object> = new Set(),
): Diagnostic[] {
  if (typeof value !== "object" || value === null || seen.has(value)) return [];
  seen.add(value);
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => checkPrototypeKeys(item, [...path, index], seen));
  }
  if (!isPlainObject(value)) return [];
  const diagnostics: Diagnostic[] = [];
  if (Object.hasOwn(value, PROTOTYPE_KEY)) {
    diagnostics.push(
      error(
        "schema/prototype-key",
        formatPath([...path, PROTOTYPE_KEY]),
        `"${PROTOTYPE_KEY}" cannot be a name here: JavaScript objects read it as their prototype, so it would be dropped; rename it`,
      ),
    );
  }
  for (const key of Object.keys(value)) {
    if (key !== PROTOTYPE_KEY)
      diagnostics.push(...checkPrototypeKeys(value[key], [...path, key], seen));
  }
  return diagnostics;
}
