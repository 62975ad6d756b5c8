// Paths into the pipeline input: how a diagnostic says where, and how to follow one back.

import { escapeControlCharacters } from "./escape-control-characters.js";

/** One step of a path into the pipeline input: an object key or an array index. */
export type PathSegment = string | number;

// Keys that read well after a dot; anything else (job names with spaces, colons, a leading
// dot for hidden jobs) is quoted in brackets so the path stays unambiguous.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Renders path segments as `jobs.test.needs[0]` / `jobs[".base"].script` / `jobs["build linux"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let text = "";
  for (const segment of segments) {
    if (typeof segment === "number") {
      text += `[${segment}]`;
    } else if (PLAIN_KEY.test(segment)) {
      text += text === "" ? segment : `.${segment}`;
    } else {
      text += `[${escapeControlCharacters(JSON.stringify(segment))}]`;
    }
  }
  return text;
}

/**
 * The segments of a path `formatPath` wrote (`jobs[".base"].needs[0]` → `["jobs", ".base",
 * "needs", 0]`), or undefined for text it cannot have written.
 */
export function parsePath(text: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  const token = /^(?:(\.?)([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  let rest = text;
  while (rest !== "") {
    const match = token.exec(rest);
    if (match === null || (match[2] !== undefined && (match[1] === "") !== (segments.length === 0)))
      return undefined;
    if (match[2] !== undefined) segments.push(match[2]);
    else if (match[3] !== undefined) segments.push(Number(match[3]));
    else segments.push(JSON.parse(match[4] ?? '""') as string);
    rest = rest.slice(match[0].length);
  }
  return segments;
}

/** The value at `path` inside `root`, or undefined when the path leads nowhere. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = Object.hasOwn(value, segment)
      ? (value as Record<PathSegment, unknown>)[segment]
      : undefined;
  }
  return value;
}
