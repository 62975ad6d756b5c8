const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** A path into a value in the form diagnostics use, e.g. `jobs.build.script[2]` or `jobs[".a b"]`. */
export function formatValuePath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (IDENTIFIER.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === "" ? "(root)" : out;
}
