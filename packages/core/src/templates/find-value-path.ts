import type { PathSegment } from "../diagnostics/path.js";
import { isPlainObject } from "./is-plain-object.js";

/**
 * Where `target` (compared by identity) first occurs inside `root`, depth first in key order,
 * or undefined. Used on the error path only, to report a `!reference` where it was written
 * rather than in every job that inherited it through `extends`.
 */
export function findValuePath(root: unknown, target: unknown): PathSegment[] | undefined {
  if (root === target) return [];
  const children: [PathSegment, unknown][] = Array.isArray(root)
    ? root.map((item, i) => [i, item])
    : isPlainObject(root)
      ? Object.entries(root)
      : [];
  for (const [segment, child] of children) {
    const rest = findValuePath(child, target);
    if (rest !== undefined) return [segment, ...rest];
  }
  return undefined;
}
