import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { issueDiagnostics } from "../diagnostics/issue-diagnostics.js";
import { issueMessage } from "../diagnostics/issue-message.js";
import { jobSchema, pipelineInputSchema } from "../schema/index.js";
import type { CheckInput } from "./check-input.js";

/**
 * Values that came from a `!reference` fit where they landed: the schema accepted the tag, but
 * not yet what it points to (a list of rules referenced as a script, say). GitLab validates
 * after resolving, and so does this: only the jobs and keywords that contain references, so
 * the common case costs nothing.
 */
export function checkResolvedReferences(input: CheckInput): Diagnostic[] {
  const { expansion } = input;
  const diagnostics: Diagnostic[] = [];
  for (const name of expansion.referencing.jobs) {
    const job = expansion.jobs.get(name);
    const result = jobSchema.safeParse(job, { error: issueMessage });
    if (!result.success) {
      diagnostics.push(
        ...afterResolving(issueDiagnostics(result.error.issues, job, ["jobs", name])),
      );
    }
  }
  const shape: Readonly<
    Record<string, (typeof pipelineInputSchema.shape)[keyof typeof pipelineInputSchema.shape]>
  > = pipelineInputSchema.shape;
  for (const key of expansion.referencing.topLevel) {
    const value = (expansion.topLevel as Record<string, unknown>)[key];
    const result = shape[key]?.safeParse(value, { error: issueMessage });
    if (result !== undefined && !result.success) {
      diagnostics.push(...afterResolving(issueDiagnostics(result.error.issues, value, [key])));
    }
  }
  return diagnostics;
}

function afterResolving(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => ({ ...d, message: `${d.message} (after resolving !reference)` }));
}
