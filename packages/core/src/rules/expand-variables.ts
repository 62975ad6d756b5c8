// `$NAME`, `${NAME}` and `%NAME%`: the forms GitLab's ExpandVariables replaces.
const REFERENCE = /\$\$|\$(\w+)|\$\{(\w+)\}|%(\w+)%/g;

/**
 * Replaces variable references in a `changes`/`exists` path, `compare_to` or `workflow:name` as
 * GitLab does. `keepUnknown`: leave references to unknown variables as written (GitLab's
 * `expand_existing`, used for paths) instead of replacing them with nothing.
 * @example expandVariables("$DIR/**", { DIR: "src" }, true) // "src/**"
 */
export function expandVariables(
  text: string,
  variables: Readonly<Record<string, string>>,
  keepUnknown: boolean,
): string {
  return text.replace(REFERENCE, (reference, plain?: string, braced?: string, windows?: string) => {
    if (reference === "$$") return reference;
    const name = plain ?? braced ?? windows!;
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (value !== undefined) return value;
    return keepUnknown ? reference : "";
  });
}
