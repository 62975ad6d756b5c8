/** True for a hidden job (`.name`): a template GitLab never runs. */
export function isHiddenJob(name: string): boolean {
  return name.startsWith(".");
}
