import { editDistance } from "./edit-distance.js";

/**
 * The candidate closest to `name`, or undefined when none is close enough to be a plausible typo.
 * Only called on the error path: it is linear in the number of candidates.
 */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  // Up to a third of the name may be wrong ("biuld", "tset"), at least one edit, so that short
  // names still get a suggestion but unrelated names do not.
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    // Every edit changes the length by at most one: most candidates are ruled out for free.
    if (candidate === name || Math.abs(candidate.length - name.length) > limit) continue;
    // A difference only in case is the most likely mistake of all: rank it before any edit.
    const distance =
      candidate.toLowerCase() === lower ? 0.5 : editDistance(lower, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean "build"?` when a close candidate exists, otherwise the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const match = closestMatch(name, candidates);
  return match === undefined ? "" : `; did you mean ${JSON.stringify(match)}?`;
}

// Each suggestion costs a pass over every candidate; past this many different names, a
// pipeline is so far off that suggestions no longer help, and they would make the error path
// quadratic (10,000 unknown names × 10,000 jobs).
const MAX_SUGGESTED_NAMES = 100;

/**
 * `didYouMean` against a fixed set of candidates, for a check that may report many names:
 * the candidates are listed once, on the first error; each name is looked up once, and only
 * the first 100 different names get a suggestion.
 */
export function suggester(candidates: () => Iterable<string>): (name: string) => string {
  let listed: string[] | undefined;
  const hints = new Map<string, string>();
  return (name) => {
    const known = hints.get(name);
    if (known !== undefined) return known;
    if (hints.size >= MAX_SUGGESTED_NAMES) return "";
    listed ??= [...candidates()];
    const hint = didYouMean(name, listed);
    hints.set(name, hint);
    return hint;
  };
}
