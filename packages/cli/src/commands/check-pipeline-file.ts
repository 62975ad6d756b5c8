// The step both commands share: load the pipeline file, validate it, run the target on it, and
// report every diagnostic of both in one list.
import { dirname } from "node:path";
import {
  type Diagnostic,
  hasErrors,
  isHiddenJob,
  type OutputFile,
  type Pipeline,
  type Target,
  validatePipeline,
} from "@pipecraft/core";
import type { KubernetesObject } from "@pipecraft/core/kubernetes-types";
import type { CliIo, OutputStream } from "../cli-io.js";
import { describeLoadError } from "../load/describe-load-error.js";
import { loadPipelineFile } from "../load/load-pipeline-file.js";
import { nearestPackageName } from "../load/package-name.js";
import { type GuardOptions, guardPipelineCode } from "../load/pipeline-code-guard.js";
import type { AppFile } from "../load/resolve-app-file.js";
import { PipelineFileError } from "../user-error.js";
import { jobSelection, type SelectionRequest } from "./job-selection.js";

/** What a target wrote: one text (a file or stdout), or one file per object (`--out <dir>/`). */
export type TargetOutput =
  | { kind: "text"; text: string }
  | { kind: "files"; files: readonly OutputFile[] };

/** What `apply` asks for: the objects themselves (a target without synthObjects gives its text). */
export type ObjectsOutput = { kind: "objects"; objects: readonly KubernetesObject[] };

/** The shape a caller asks for. */
type Shape = "text" | "files" | "objects";

/** What comes back for a shape. */
type OutputOf<S extends Shape> = S extends "objects" ? TargetOutput | ObjectsOutput : TargetOutput;

/** How to run the target: its option values, how the header names the pipeline file, the shape. */
export type TargetRun<S extends Shape = Shape> = {
  target: Target;
  values: Readonly<Record<string, string | boolean | undefined>>;
  sourceFile: string;
  shape: S;
  /** With `--var`: select the jobs GitLab would create, for a target that `selectsJobs`. */
  selection?: SelectionRequest;
};

/**
 * Loads and validates the pipeline file, runs the target on it when it is valid, and reports
 * every diagnostic of both on stderr. Returns the output and the job count (`12 jobs`), or
 * undefined when there are errors (warnings do not count). With `files` (`synth --watch`), the
 * local files the pipeline file imports are loaded afresh and collected there (see loadPipelineFile).
 */
export async function checkPipelineFile<S extends Shape>(
  app: AppFile,
  io: CliIo,
  run: TargetRun<S>,
  timeout: GuardOptions["timeout"],
  files?: Set<string>,
): Promise<{ output: OutputOf<S>; jobs: string } | undefined> {
  const debug = (io.env.PIPECRAFT_DEBUG ?? "") !== "";
  const guard = { app, cwd: io.cwd, debug, stderr: io.stderr, timeout };
  // Validation and the target read the user's objects, so the user's code (getters, Proxies)
  // still runs there: guarded too, and what it throws is reported at the user's line.
  const { pipeline, diagnostics, synthesized } = await guardPipelineCode(guard, async () => {
    const definition = await loadPipelineFile(app, io.cwd, debug, files);
    try {
      const { pipeline, diagnostics } = validatePipeline(definition);
      const synthesized =
        pipeline === undefined ? undefined : await runTarget(pipeline, app, run, io);
      return { pipeline, diagnostics, synthesized };
    } catch (thrown) {
      throw new PipelineFileError(describeLoadError(thrown, app.display, io.cwd, debug));
    }
  });
  await reportDiagnostics(
    distinct([...diagnostics, ...(synthesized?.diagnostics ?? [])]),
    app,
    io.stderr,
  );
  if (pipeline === undefined || synthesized?.output === undefined) return undefined;
  // The jobs GitLab will run, not counting hidden `.template` jobs; with a selection, how many of
  // them it creates.
  const jobs = Object.keys(pipeline.jobs).filter((name) => !isHiddenJob(name)).length;
  const created = synthesized.created;
  return {
    // runTarget gives objects only when asked for them.
    output: synthesized.output as OutputOf<S>,
    jobs: created === undefined ? plural(jobs, "job") : `${created} of ${plural(jobs, "job")}`,
  };
}

async function runTarget(
  pipeline: Pipeline,
  app: AppFile,
  { target, values, sourceFile, shape, selection }: TargetRun,
  io: CliIo,
): Promise<{
  output: TargetOutput | ObjectsOutput | undefined;
  diagnostics: readonly Diagnostic[];
  created?: number;
}> {
  // Read here, not by the target: targets do no I/O.
  const packageName = await nearestPackageName(dirname(app.path));
  const selected =
    selection === undefined || target.selectsJobs !== true
      ? undefined
      : await jobSelection(pipeline, dirname(app.path), selection, io);
  const request = {
    sourceFile,
    packageName,
    values,
    ...(selected === undefined ? {} : { selection: selected }),
  };
  const selectionDiagnostics = selected?.diagnostics ?? [];
  const created =
    selected === undefined ? {} : { created: new Set(selected.jobs.map((job) => job.job)).size };
  if (hasErrors(selectionDiagnostics))
    return { output: undefined, diagnostics: selectionDiagnostics };
  if (shape === "objects" && target.synthObjects !== undefined) {
    const { output, diagnostics } = target.synthObjects(pipeline, request);
    return {
      output: output && { kind: "objects", objects: output },
      diagnostics: [...selectionDiagnostics, ...diagnostics],
      ...created,
    };
  }
  if (shape === "files" && target.synthFiles !== undefined) {
    const { output, diagnostics } = target.synthFiles(pipeline, request);
    return {
      output: output && { kind: "files", files: output },
      diagnostics: [...selectionDiagnostics, ...diagnostics],
      ...created,
    };
  }
  const { output, diagnostics } = target.synth(pipeline, request);
  return {
    output: output === undefined ? undefined : { kind: "text", text: output },
    diagnostics: [...selectionDiagnostics, ...diagnostics],
    ...created,
  };
}

// The rules are checked by validation and evaluated by the selection: a problem both find is
// reported once.
function distinct(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.severity}\u0000${d.code}\u0000${d.path}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Writes each diagnostic on its own line, errors first, at its line and column in the pipeline
 * file where that can be found, then a summary such as `2 errors and 1 warning in pipeline.ts`.
 * Writes nothing when there are none.
 */
export async function reportDiagnostics(
  diagnostics: readonly Diagnostic[],
  app: Pick<AppFile, "path" | "display">,
  stderr: OutputStream,
): Promise<void> {
  if (diagnostics.length === 0) {
    return;
  }
  const appDisplay = app.display;
  // The compiler that finds the lines loads only here: a clean synth never loads it.
  const { placeDiagnostics, formatPlacedDiagnostic } = await import(
    "../locate/place-diagnostics.js"
  );
  const placed = await placeDiagnostics(app.path, diagnostics);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === "warning");
  const lines = [...errors, ...warnings].map((diagnostic) =>
    formatPlacedDiagnostic(diagnostic, appDisplay, placed.get(diagnostic)),
  );
  const counts = [
    errors.length > 0 ? plural(errors.length, "error") : undefined,
    warnings.length > 0 ? plural(warnings.length, "warning") : undefined,
  ].filter((count) => count !== undefined);
  stderr.write(`${lines.join("\n")}\n${counts.join(" and ")} in ${appDisplay}\n`);
}

/** `1 error`, `2 errors`: a count with its noun, plural when the count is not one. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
