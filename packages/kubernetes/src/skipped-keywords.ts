import {
  type Diagnostic,
  formatPath,
  type Job,
  type Pipeline,
  warningDiagnostic,
} from "@pipecraft/core";
import { KEYWORD_SUPPORT } from "./keyword-support.js";

/**
 * A warning for every keyword of `job` that has no Kubernetes meaning (see KEYWORD_SUPPORT), and
 * for `needs` entries on other projects or pipelines, which cannot be waited for.
 */
export function skippedKeywords(job: Job, path: readonly (string | number)[]): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  for (const keyword of Object.keys(job) as (keyof Job)[]) {
    const support = KEYWORD_SUPPORT[keyword];
    if (support?.treatment !== "skipped" || job[keyword] === undefined) continue;
    warnings.push(
      warningDiagnostic(
        "kubernetes/skipped-keyword",
        formatPath([...path, keyword]),
        `skipped on Kubernetes: ${support.kubernetes}`,
      ),
    );
  }
  const needs: unknown = job.needs;
  if (Array.isArray(needs)) {
    needs.forEach((need: unknown, index) => {
      if (typeof need !== "object" || need === null) return;
      const kind =
        "project" in need ? "another project" : "pipeline" in need ? "another pipeline" : undefined;
      if (kind === undefined) return;
      warnings.push(
        warningDiagnostic(
          "kubernetes/skipped-keyword",
          formatPath([...path, "needs", index]),
          `skipped on Kubernetes: a need on ${kind} cannot be waited for`,
        ),
      );
    });
  }
  return warnings;
}

/**
 * Warnings for the top-level keywords that have no Kubernetes meaning (`include`), or none
 * without a job selection (`workflow`: a selected pipeline has it removed).
 */
export function skippedPipelineKeywords(
  pipeline: Pick<Pipeline, "workflow" | "include">,
): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  if (pipeline.workflow !== undefined) {
    warnings.push(
      warningDiagnostic(
        "kubernetes/skipped-keyword",
        "workflow",
        "skipped on Kubernetes: evaluated only with --var (a job selection); without, the pipeline always runs",
      ),
    );
  }
  if (pipeline.include !== undefined) {
    warnings.push(
      warningDiagnostic(
        "kubernetes/skipped-keyword",
        "include",
        "skipped on Kubernetes: included files are not read; write their jobs in pipeline.ts",
      ),
    );
  }
  return warnings;
}
