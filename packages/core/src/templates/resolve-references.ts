import { isTaggedValue, type TaggedValue } from "@pipecraft/emit";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { formatPath, type PathSegment } from "../diagnostics/path.js";
import type { Job } from "../schema/index.js";
import { findValuePath } from "./find-value-path.js";
import { isPlainObject } from "./is-plain-object.js";

/** The tag `reference()` writes. */
export const REFERENCE_TAG = "!reference";

// Lists GitLab flattens after resolving references (`script: [!reference [.setup, script], …]`
// runs the referenced commands in line); elsewhere a referenced list stays one nested value.
const FLATTENED_KEYS: ReadonlySet<string> = new Set([
  "script",
  "before_script",
  "after_script",
  "pre_get_sources_script",
  "rules",
  "stages",
]);

/** The parts of a pipeline a `!reference` can point into: jobs first, then top-level keywords. */
export type ReferenceScope = {
  jobs: ReadonlyMap<string, Job>;
  topLevel: Readonly<Record<string, unknown>>;
  /** Jobs that exist but are invalid (reported already): references into them are not. */
  invalidJobs?: ReadonlySet<string>;
};

/** A scope with every `!reference` replaced by the value it points to. */
export type ResolvedScope = ReferenceScope & {
  jobs: Map<string, Job>;
  topLevel: Record<string, unknown>;
  /** Jobs and top-level keywords that contained a reference (their values changed shape). */
  referencing: { jobs: ReadonlySet<string>; topLevel: ReadonlySet<string> };
  diagnostics: Diagnostic[];
};

type Outcome = { ok: true; value: unknown } | { ok: false };

// An immutable linked path: cheap to extend at every step, turned into text only for an error.
type PathNode = { parent: PathNode; segment: PathSegment } | undefined;

/**
 * Resolves GitLab `!reference [name, key, …]` tags the way GitLab does after `extends`: `name` is
 * a job (hidden or not) or a top-level keyword, the keys dig into it, and references inside
 * the referenced value are resolved too. `written` is the pipeline as the user wrote it, to
 * report a broken reference where it was written. Each broken reference is reported once.
 */
export function resolveReferences(scope: ReferenceScope, written: unknown): ResolvedScope {
  const memo = new Map<string, Outcome>();
  const chain: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const reportedInvalid = new Set<TaggedValue>();
  let sawReference = false;

  const report = (code: DiagnosticCode, tag: TaggedValue, at: PathNode, message: string) => {
    const origin = findValuePath(written, tag);
    const path = origin === undefined ? formatPath(toSegments(at)) : formatPath(origin);
    diagnostics.push(error(code, path, message));
  };

  const resolveValue = (value: unknown, key: string | undefined, at: PathNode): unknown => {
    if (isTaggedValue(value)) {
      if (value.tag !== REFERENCE_TAG) return value;
      sawReference = true;
      const outcome = resolveReference(value, at);
      return outcome.ok ? outcome.value : value;
    }
    if (Array.isArray(value)) {
      const flatten = key !== undefined && FLATTENED_KEYS.has(key);
      let changed = false;
      const items: unknown[] = [];
      value.forEach((item: unknown, i) => {
        const resolved = resolveValue(item, key, { parent: at, segment: i });
        if (flatten && Array.isArray(resolved)) {
          items.push(...resolved);
          changed = true;
        } else {
          items.push(resolved);
          changed ||= resolved !== item;
        }
      });
      // Unchanged values are shared, not copied: most jobs contain no reference at all.
      return changed ? items : value;
    }
    if (isPlainObject(value)) {
      let changed = false;
      const entries = Object.entries(value).map(([childKey, child]): [string, unknown] => {
        const resolved = resolveValue(child, childKey, { parent: at, segment: childKey });
        changed ||= resolved !== child;
        return [childKey, resolved];
      });
      return changed ? Object.fromEntries(entries) : value;
    }
    return value;
  };

  const resolveReference = (tag: TaggedValue, at: PathNode): Outcome => {
    const segments = tag.value;
    if (!isReferencePath(segments)) {
      if (!reportedInvalid.has(tag)) {
        reportedInvalid.add(tag);
        report(
          "reference/invalid",
          tag,
          at,
          `!reference ${JSON.stringify(segments)} is not valid; write reference(job, key, ...)`,
        );
      }
      return { ok: false };
    }
    const id = segments.join("\u0000");
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    const start = chain.indexOf(id);
    if (start !== -1) {
      const cycle = [...chain.slice(start), id].map((link) => showPath(link.split("\u0000")));
      report("reference/cycle", tag, at, `circular !reference: ${cycle.join(" → ")}`);
      return { ok: false };
    }
    chain.push(id);
    const found = lookUp(segments);
    let outcome: Outcome;
    if (found.ok) {
      // Errors inside the referenced value belong to where that value is written.
      const [, ...keys] = segments;
      const lastKey = keys[keys.length - 1];
      outcome = { ok: true, value: resolveValue(found.value, lastKey, fromSegments(found.path)) };
    } else {
      if (found.message !== undefined) {
        report(
          "reference/not-found",
          tag,
          at,
          `!reference ${showPath(segments)} could not be found: ${found.message}`,
        );
      }
      outcome = { ok: false };
    }
    chain.pop();
    memo.set(id, outcome);
    return outcome;
  };

  const lookUp = (
    segments: readonly [string, ...string[]],
    // No message: the failure is reported elsewhere already.
  ): { ok: true; value: unknown; path: PathSegment[] } | { ok: false; message?: string } => {
    const [name, ...keys] = segments;
    let value: unknown;
    let path: PathSegment[];
    if (scope.jobs.has(name)) {
      value = scope.jobs.get(name);
      path = ["jobs", name];
    } else if (Object.hasOwn(scope.topLevel, name) && scope.topLevel[name] !== undefined) {
      value = scope.topLevel[name];
      path = [name];
    } else if (scope.invalidJobs?.has(name)) {
      return { ok: false };
    } else {
      return {
        ok: false,
        message: `no job named ${JSON.stringify(name)}${didYouMean(name, scope.jobs.keys())}`,
      };
    }
    const dug: string[] = [name];
    for (const key of keys) {
      // A reference whose value is itself a reference: follow it before digging further.
      if (isTaggedValue(value) && value.tag === REFERENCE_TAG) {
        const outcome = resolveReference(value, fromSegments(path));
        if (!outcome.ok)
          return { ok: false, message: `${showPath(path.map(String))} is a broken !reference` };
        value = outcome.value;
      }
      const where = JSON.stringify(dug.join("."));
      if (!isPlainObject(value) || !Object.hasOwn(value, key) || value[key] === undefined) {
        // An invalid job lost its invalid keywords: what is missing was reported already.
        if (scope.invalidJobs?.has(name)) return { ok: false };
        const candidates = isPlainObject(value) ? Object.keys(value) : [];
        return {
          ok: false,
          message: `${where} has no key ${JSON.stringify(key)}${didYouMean(key, candidates)}`,
        };
      }
      value = value[key];
      path = [...path, key];
      dug.push(key);
    }
    return { ok: true, value, path };
  };

  const jobs = new Map<string, Job>();
  const referencingJobs = new Set<string>();
  for (const [name, job] of scope.jobs) {
    // A read-only scan first: most jobs need nothing, and then nothing is allocated.
    if (!needsResolution(job, undefined)) {
      jobs.set(name, job);
      continue;
    }
    sawReference = false;
    jobs.set(name, resolveValue(job, undefined, fromSegments(["jobs", name])) as Job);
    if (sawReference) referencingJobs.add(name);
  }
  const topLevel: Record<string, unknown> = {};
  const referencingTopLevel = new Set<string>();
  for (const [key, value] of Object.entries(scope.topLevel)) {
    sawReference = false;
    topLevel[key] = needsResolution(value, key)
      ? resolveValue(value, key, fromSegments([key]))
      : value;
    if (sawReference) referencingTopLevel.add(key);
  }
  return {
    jobs,
    topLevel,
    referencing: { jobs: referencingJobs, topLevel: referencingTopLevel },
    diagnostics,
  };
}

// True when `resolveValue` would change something: a reference, or a nested list to flatten.
function needsResolution(value: unknown, key: string | undefined): boolean {
  if (isTaggedValue(value)) return value.tag === REFERENCE_TAG;
  if (Array.isArray(value)) {
    const flatten = key !== undefined && FLATTENED_KEYS.has(key);
    for (const item of value) {
      if ((flatten && Array.isArray(item)) || needsResolution(item, key)) return true;
    }
    return false;
  }
  if (!isPlainObject(value)) return false;
  for (const childKey in value) if (needsResolution(value[childKey], childKey)) return true;
  return false;
}

function isReferencePath(value: unknown): value is readonly [string, ...string[]] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((segment) => typeof segment === "string")
  );
}

/** `[".setup", "script"]`, the way GitLab prints a reference in its errors. */
function showPath(segments: readonly string[]): string {
  return `[${segments.map((segment) => JSON.stringify(segment)).join(", ")}]`;
}

function fromSegments(segments: readonly PathSegment[]): PathNode {
  let node: PathNode;
  for (const segment of segments) node = { parent: node, segment };
  return node;
}

function toSegments(node: PathNode): PathSegment[] {
  const segments: PathSegment[] = [];
  for (let current = node; current !== undefined; current = current.parent) {
    segments.push(current.segment);
  }
  return segments.reverse();
}
