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
    if (candidate === name) continue;
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
