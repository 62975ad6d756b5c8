import { isTaggedValue } from "@pipecraft/emit";
import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { formatPath, type PathSegment } from "../diagnostics/path.js";
import type { CheckInput } from "./check-input.js";

/**
 * `stages` lists each stage once (GitLab's schema: `uniqueItems`), nested lists included.
 * `.pre` and `.post` are always there, so listing them is not a repeat of anything.
 */
export function checkStageList(input: CheckInput): Diagnostic[] {
  const stages = input.writtenTopLevel.stages;
  if (stages === undefined) return [];
  const firstAt = new Map<string, PathSegment[]>();
  const diagnostics: Diagnostic[] = [];
  const visit = (stage: unknown, path: PathSegment[]): void => {
    if (typeof stage !== "string" || isTaggedValue(stage)) return;
    const first = firstAt.get(stage);
    if (first === undefined) {
      firstAt.set(stage, path);
      return;
    }
    diagnostics.push(
      error(
        "stages/duplicate",
        formatPath(path),
        `stage ${JSON.stringify(stage)} is already listed at ${formatPath(first)}`,
      ),
    );
  };
  stages.forEach((entry, i) => {
    if (Array.isArray(entry)) {
      entry.forEach((stage, j) => {
        visit(stage, ["stages", i, j]);
      });
    } else visit(entry, ["stages", i]);
  });
  return diagnostics;
}
