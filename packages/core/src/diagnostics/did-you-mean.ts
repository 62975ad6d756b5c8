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

/**
 * `; did you mean "build"?` for a suggestion, the empty string for none: the one wording of a
 * suggestion in every message, appended to the message that names the unknown thing.
 */
export function suggestionText(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`;
}

/** `; did you mean "build"?` when a close candidate exists, otherwise the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  return suggestionText(closestMatch(name, candidates));
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

/**
 * Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
 * and transpositions of adjacent characters each cost 1, so "biuld" is 1 away from "build".
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows instead of a full matrix: only the two previous rows are ever read.
  let beforePrevious = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2]! + 1);
      }
      current[j] = best;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length]!;
}
