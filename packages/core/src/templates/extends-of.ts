import type { Job } from "../schema/index.js";

/** The names a job extends, in order (`extends` may be one name or a list). */
export function extendsOf(job: Pick<Job, "extends">): readonly string[] {
  const bases = job.extends;
  if (bases === undefined) return [];
  return typeof bases === "string" ? [bases] : bases;
}
