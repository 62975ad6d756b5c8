// `pipecraft validate .gitlab-ci.yml`: a GitLab file read as GitLab reads it (its `include: local`
// files merged), then validated as a pipeline.ts would be.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  type Diagnostic,
  formatDiagnostic,
  hasErrors,
  isHiddenJob,
  parsePath,
  pipeline,
  validatePipeline,
} from "@pipecraft/core";
import { type LocalIncludeSource, resolveLocalIncludes } from "@pipecraft/gitlab";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { directoryIncludeSource } from "../load/directory-include-source.js";
import { fetchIncludes, includeKey } from "../load/fetch-includes.js";
import type { AppFile } from "../load/resolve-app-file.js";
import { formatPlacedDiagnostic } from "../locate/place-diagnostics.js";
import { PipelineFileError } from "../user-error.js";
import { plural } from "./check-pipeline-file.js";

/** True for a file `validate` reads as GitLab YAML rather than as a pipeline.ts. */
export function isGitlabYamlFile(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/**
 * Reads a `.gitlab-ci.yml` with its `include: local` files (from the file's directory, the
 * repository root), validates the merged pipeline and reports every problem on stderr. With
 * `resolveIncludes`, `remote` and `template` includes are fetched over HTTPS (cached in
 * `.pipecraft/cache/includes/` beside the file) and merged too.
 */
export async function validateGitlabFile(
  app: AppFile,
  io: CliIo,
  resolveIncludes?: { templatesUrl: string },
): Promise<ExitCode> {
  const text = await readFile(app.path, "utf8");
  const root = dirname(app.path);
  const local = directoryIncludeSource(root, app.display);
  // With --resolve-includes: read, fetch what the files include, read again, until every
  // remote and template include is fetched (or could not be).
  const texts = new Map<string, string>();
  const fetchDiagnostics: Diagnostic[] = [];
  const tried = new Set<string>();
  const source: LocalIncludeSource =
    resolveIncludes === undefined
      ? local
      : { ...local, fetched: (include) => texts.get(includeKey(include)) };
  let merged = read(app, text, source);
  while (resolveIncludes !== undefined) {
    const wanted = merged.unfetched.filter((include) => !tried.has(includeKey(include)));
    if (wanted.length === 0) break;
    for (const include of wanted) tried.add(includeKey(include));
    const fetched = await fetchIncludes(wanted, {
      cacheDirectory: join(root, ".pipecraft", "cache", "includes"),
      templatesUrl: resolveIncludes.templatesUrl,
    });
    for (const [key, value] of fetched.texts) texts.set(key, value);
    fetchDiagnostics.push(...fetched.diagnostics);
    merged = read(app, text, source);
  }
  const { pipeline: model, diagnostics } = validatePipeline(
    pipeline(merged.pipeline, { templates: "hidden" }),
  );
  const all = [...fetchDiagnostics, ...merged.diagnostics, ...diagnostics];
  if (all.length > 0) {
    const errors = all.filter((d) => d.severity === "error");
    const warnings = all.filter((d) => d.severity === "warning");
    const lines = [...errors, ...warnings].map((d) => line(d, merged, app.display));
    const counts = [
      errors.length > 0 ? plural(errors.length, "error") : undefined,
      warnings.length > 0 ? plural(warnings.length, "warning") : undefined,
    ].filter((count) => count !== undefined);
    io.stderr.write(`${lines.join("\n")}\n${counts.join(" and ")} in ${app.display}\n`);
  }
  if (model === undefined || hasErrors(all)) return ExitCode.failure;
  const jobs = Object.keys(model.jobs).filter((name) => !isHiddenJob(name)).length;
  io.stderr.write(`${app.display} is valid (${plural(jobs, "job")})\n`);
  return ExitCode.ok;
}

function read(
  app: AppFile,
  text: string,
  source: LocalIncludeSource,
): ReturnType<typeof resolveLocalIncludes> {
  try {
    return resolveLocalIncludes(text, source);
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    throw new PipelineFileError(`${app.display}: ${message.replace(/^parseGitlabYaml: /, "")}`);
  }
}

// A duplicate key's path is already its place (`ci/a.yml:7:3`); the others are paths in the
// merged pipeline, placed in the file that gave the value (`ci/a.yml:12:7: jobs.a.needs[0]: …`),
// or named after the validated file when the YAML does not hold the path.
function line(
  diagnostic: Diagnostic,
  merged: ReturnType<typeof resolveLocalIncludes>,
  display: string,
): string {
  if (diagnostic.code === "yaml/duplicate-key") return formatDiagnostic(diagnostic);
  const path = diagnostic.path === "" ? undefined : parsePath(diagnostic.path);
  const place = path === undefined ? undefined : merged.place(path);
  return formatPlacedDiagnostic(
    diagnostic,
    place?.file ?? display,
    place === undefined ? undefined : { ...place, computed: false },
  );
}
