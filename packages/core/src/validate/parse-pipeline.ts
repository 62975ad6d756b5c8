import type { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { issueDiagnostics } from "../diagnostics/issue-diagnostics.js";
import { issueMessage } from "../diagnostics/issue-message.js";
import {
  type Job,
  jobNameSchema,
  jobSchema,
  type Pipeline,
  pipelineInputSchema,
} from "../schema/index.js";
import { isHiddenJob } from "../templates/is-hidden-job.js";
import { isPlainObject } from "../templates/is-plain-object.js";
import { withoutUndefined } from "./without-undefined.js";

/** The outcome of checking a pipeline input against the schema. */
export type ParsedPipeline = {
  /** The whole pipeline when it is valid; otherwise only its valid keywords and valid jobs. */
  pipeline: Pipeline;
  /**
   * Invalid jobs with their invalid keywords left out: enough to check the names they refer to
   * (`needs`, `extends`, …) in the same pass, not to be expanded or synthesized.
   */
  partialJobs: Readonly<Record<string, Job>>;
  /** Every job name written, in order, including jobs whose body is invalid. */
  names: readonly string[];
  /**
   * Hidden keys whose value is not a job (`.helpers: &helpers |`, `.rules: &rules [...]`), which
   * GitLab accepts and ignores unless a job extends them. They are kept in `pipeline.jobs`, for
   * `!reference` and the output, and listed here with the first reason they are not a job.
   */
  hiddenValues: ReadonlyMap<string, string>;
  diagnostics: Diagnostic[];
};

// zod compiles a fast path (`new Function`) for each object schema the first time it parses
// one. Compiling them costs more than it saves on a small pipeline parsed once (about 10 ms of a
// `pipecraft synth` of ten jobs), and pays off from some hundreds of jobs. Same result either way.
const COMPILED_PARSE_MIN_JOBS = 100;

/**
 * Validates the input against the zod schema. When it fails, what is valid on its own is kept,
 * so that the semantic checks still run on it and every mistake shows up in one pass, while
 * nothing invalid is looked into any further.
 */
export function parsePipeline(written: unknown): ParsedPipeline {
  const all = withoutUndefined(written);
  const names = isPlainObject(all) && isPlainObject(all.jobs) ? Object.keys(all.jobs) : [];
  const { input, hiddenValues } = withoutHiddenValues(all);
  const result = pipelineInputSchema.safeParse(input, {
    error: issueMessage,
    jitless: names.length < COMPILED_PARSE_MIN_JOBS,
  });
  if (result.success) {
    const pipeline = withHiddenValues(result.data, all, names, hiddenValues);
    return { pipeline, partialJobs: {}, names, hiddenValues, diagnostics: [] };
  }
  const { pipeline, partialJobs } = validParts(input);
  return {
    pipeline: withHiddenValues(pipeline, all, names, hiddenValues),
    partialJobs,
    names,
    hiddenValues,
    diagnostics: issueDiagnostics(result.error.issues, input),
  };
}

// Hidden keys that fail the job schema are set aside rather than reported: GitLab only looks
// into a hidden key when a job extends it (checkExtends reports that case).
function withoutHiddenValues(input: unknown): {
  input: unknown;
  hiddenValues: Map<string, string>;
} {
  const hiddenValues = new Map<string, string>();
  if (!isPlainObject(input) || !isPlainObject(input.jobs)) return { input, hiddenValues };
  const jobs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input.jobs)) {
    if (isHiddenJob(name)) {
      const result = jobSchema.safeParse(value, { error: issueMessage });
      if (!result.success) {
        hiddenValues.set(name, notAJobReason(name, value, result.error.issues));
        continue;
      }
    }
    jobs[name] = value;
  }
  return hiddenValues.size === 0
    ? { input, hiddenValues }
    : { input: { ...input, jobs }, hiddenValues };
}

function notAJobReason(name: string, value: unknown, issues: readonly z.core.$ZodIssue[]): string {
  if (typeof value !== "object" || value === null)
    return `it is ${value === null ? "null" : `a ${typeof value}`}`;
  if (Array.isArray(value)) return "it is a list";
  const [issue] = issues;
  if (issue === undefined) return "not a job";
  const where = issue.path.length === 0 ? "" : `${issue.path.map(String).join(".")}: `;
  // A removed keyword says what replaces it, as it would in a job.
  const [first] = issueDiagnostics([issue], value, ["jobs", name]);
  const message = first?.code === "keyword/removed" ? first.message : issue.message;
  return `${where}${message}`;
}

// The hidden values back in `jobs`, in the order written. The model's job type does not
// describe them; every reader of `jobs` that looks into a value checks it is a mapping first.
function withHiddenValues(
  pipeline: Pipeline,
  all: unknown,
  names: readonly string[],
  hiddenValues: ReadonlyMap<string, string>,
): Pipeline {
  if (hiddenValues.size === 0 || !isPlainObject(all) || !isPlainObject(all.jobs)) return pipeline;
  const written = all.jobs;
  const jobs = names.flatMap((name) => {
    if (hiddenValues.has(name)) return [[name, written[name]] as const];
    return Object.hasOwn(pipeline.jobs, name) ? [[name, pipeline.jobs[name]] as const] : [];
  });
  return { ...pipeline, jobs: Object.fromEntries(jobs) as Pipeline["jobs"] };
}

// Only on the error path: parses each keyword and each job again, on its own.
function validParts(input: unknown): Pick<ParsedPipeline, "pipeline" | "partialJobs"> {
  if (!isPlainObject(input)) return { pipeline: { jobs: {} }, partialJobs: {} };
  const shape: Readonly<Record<string, SafeParser>> = pipelineInputSchema.shape;
  const topLevel = Object.entries(input).flatMap(([key, value]) => {
    if (key === "jobs" || !Object.hasOwn(shape, key)) return [];
    const result = shape[key]!.safeParse(value);
    return result.success ? [[key, result.data] as const] : [];
  });
  const jobs: [string, Job][] = [];
  const partialJobs: [string, Job][] = [];
  for (const [name, job] of Object.entries(isPlainObject(input.jobs) ? input.jobs : {})) {
    if (!jobNameSchema.safeParse(name).success) continue;
    const result = jobSchema.safeParse(job);
    if (result.success) {
      jobs.push([name, result.data]);
      continue;
    }
    const partial = withoutInvalidKeywords(job, result.error.issues);
    if (partial !== undefined) partialJobs.push([name, partial]);
  }
  // Each part passed its own schema, so together they satisfy the pipeline schema.
  const pipeline = { ...Object.fromEntries(topLevel), jobs: Object.fromEntries(jobs) } as Pipeline;
  return { pipeline, partialJobs: Object.fromEntries(partialJobs) };
}

// The job without the keywords its issues point into (and without unknown keywords).
function withoutInvalidKeywords(
  job: unknown,
  issues: readonly z.core.$ZodIssue[],
): Job | undefined {
  if (!isPlainObject(job)) return undefined;
  const invalid = new Set(
    issues.flatMap((issue) => {
      const keyword = issue.path[0];
      if (keyword !== undefined) return [String(keyword)];
      return issue.code === "unrecognized_keys" ? issue.keys : [];
    }),
  );
  const rest = Object.fromEntries(Object.entries(job).filter(([key]) => !invalid.has(key)));
  const result = jobSchema.safeParse(rest);
  return result.success ? result.data : undefined;
}

type SafeParser = { safeParse(value: unknown): { success: boolean; data?: unknown } };
