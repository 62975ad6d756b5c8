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
  diagnostics: Diagnostic[];
};

/**
 * Validates the input against the zod schema. When it fails, what is valid on its own is kept,
 * so that the semantic checks still run on it and every mistake shows up in one pass, while
 * nothing invalid is looked into any further.
 */
export function parsePipeline(written: unknown): ParsedPipeline {
  const input = withoutUndefined(written);
  const names = isPlainObject(input) && isPlainObject(input.jobs) ? Object.keys(input.jobs) : [];
  const result = pipelineInputSchema.safeParse(input, { error: issueMessage });
  if (result.success) return { pipeline: result.data, partialJobs: {}, names, diagnostics: [] };
  const { pipeline, partialJobs } = validParts(input);
  return {
    pipeline,
    partialJobs,
    names,
    diagnostics: issueDiagnostics(result.error.issues, input),
  };
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
