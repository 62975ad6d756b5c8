// GitLab's conventional keyword order inside a job: where it runs and when, then what it runs,
// then what it produces, then runner and integration settings. Keys not listed (new keywords)
// follow alphabetically, so the output never depends on how the job object was built.
const JOB_KEY_ORDER = [
  "stage",
  "extends",
  "image",
  "services",
  "variables",
  "needs",
  "dependencies",
  "rules",
  "only",
  "except",
  "when",
  "start_in",
  "manual_confirmation",
  "allow_failure",
  "before_script",
  "script",
  "after_script",
  "artifacts",
  "cache",
  "coverage",
  "environment",
  "release",
  "pages",
  "parallel",
  "retry",
  "timeout",
  "interruptible",
  "resource_group",
  "tags",
  "trigger",
  "inherit",
  "hooks",
  "id_tokens",
  "identity",
  "secrets",
] as const;

const KNOWN: ReadonlySet<string> = new Set(JOB_KEY_ORDER);

/** A copy of `job` (or `default`) with its keys in GitLab's conventional order, undefined entries dropped. */
export function orderJobKeys<V>(job: Readonly<Record<string, V>>): Record<string, V> {
  const ordered: Record<string, V> = {};
  for (const key of JOB_KEY_ORDER) {
    const value = job[key];
    if (value !== undefined) ordered[key] = value;
  }
  // Default sort compares UTF-16 code units: unlike localeCompare it is the same on every machine.
  const rest = Object.keys(job).filter((key) => !KNOWN.has(key) && job[key] !== undefined);
  for (const key of rest.sort()) ordered[key] = job[key] as V;
  return ordered;
}
