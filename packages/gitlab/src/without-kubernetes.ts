/**
 * `job` (or `default`) without pipecraft's `kubernetes:` block: GitLab has no such keyword, and
 * the block only shapes the Kubernetes targets.
 */
export function withoutKubernetes<Job extends { readonly kubernetes?: unknown }>(
  job: Job,
): Omit<Job, "kubernetes"> {
  if (job.kubernetes === undefined) return job;
  const { kubernetes: _, ...rest } = job;
  return rest;
}
