import { z } from "zod";
import { topLevelKeywords } from "./top-level.js";

/**
 * Names a job cannot have: GitLab would read the key as a top-level keyword. `types` is a keyword
 * GitLab removed, but gitlab-ci-local still rejects it as a job name. `spec` is a header only in
 * a file of two documents; in the main document it is a job, as in GitLab's loader.
 */
export const reservedJobNames: ReadonlySet<string> = new Set<string>([
  ...topLevelKeywords.filter((keyword) => keyword !== "spec"),
  "types",
]);

/** Names GitLab accepts only quoted and recommends against; worth a warning, not an error. */
export const discouragedJobNames: ReadonlySet<string> = new Set(["true", "false", "nil"]);

/** A job name: 1..255 characters, not a top-level keyword. */
export const jobNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !reservedJobNames.has(name), {
    error: (issue) =>
      `"${String(issue.input)}" is a top-level GitLab keyword, not a job name; rename the job`,
  });
