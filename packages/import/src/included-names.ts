// The jobs and hidden templates a file's `extends`, `needs` and `dependencies` name but do not
// define: they come from its includes, and `included()` declares them for the type checker.

/** Names used but not defined, split as `included()` takes them. */
export type IncludedNames = { readonly jobs: string[]; readonly templates: string[] };

/** What the jobs of `body` (the main document, as data) name that no key of it defines. */
export function includedNames(body: Readonly<Record<string, unknown>>): IncludedNames {
  const named = new Set<string>();
  for (const job of Object.values(body)) {
    if (typeof job !== "object" || job === null || Array.isArray(job)) continue;
    const { extends: bases, needs, dependencies } = job as Record<string, unknown>;
    for (const base of [bases].flat()) if (typeof base === "string") named.add(base);
    for (const need of Array.isArray(needs) ? needs : []) {
      if (typeof need === "string") named.add(need);
      else if (
        typeof need === "object" &&
        need !== null &&
        !("project" in need) &&
        !("pipeline" in need)
      ) {
        const name = (need as { job?: unknown }).job;
        if (typeof name === "string") named.add(name);
      }
    }
    for (const name of Array.isArray(dependencies) ? dependencies : []) {
      if (typeof name === "string") named.add(name);
    }
  }
  const missing = [...named].filter((name) => !Object.hasOwn(body, name));
  return {
    jobs: missing.filter((name) => !name.startsWith(".")),
    templates: missing.filter((name) => name.startsWith(".")),
  };
}
