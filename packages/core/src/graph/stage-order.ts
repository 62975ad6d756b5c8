import type { Pipeline } from "../schema/index.js";

/** The stages GitLab uses when a pipeline declares none (besides `.pre` and `.post`). */
export const DEFAULT_STAGES: readonly string[] = ["build", "test", "deploy"];

/** The stage of a job that does not name one. */
export const DEFAULT_JOB_STAGE = "test";

/**
 * The stages in run order: `.pre`, the declared stages (GitLab's defaults when `stages` is
 * omitted; nested lists flattened, as GitLab does), `.post`. An unresolved `!reference` entry is
 * skipped: validation resolves references before it asks.
 */
export function stageOrder(stages: Pipeline["stages"]): string[] {
  const declared = stages === undefined ? DEFAULT_STAGES : stages.flat().filter(isStageName);
  // `.pre` and `.post` are always first and last, wherever (or whether) they are listed.
  const middle = declared.filter((stage) => stage !== ".pre" && stage !== ".post");
  return [".pre", ...new Set(middle), ".post"];
}

/** Stage name → position in `stageOrder`, for "does this stage run before that one?". */
export function stageIndex(stages: readonly string[]): ReadonlyMap<string, number> {
  return new Map(stages.map((stage, i) => [stage, i]));
}

function isStageName(entry: unknown): entry is string {
  return typeof entry === "string";
}
