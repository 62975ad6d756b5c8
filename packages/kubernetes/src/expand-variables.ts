const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * `text` with `$NAME` and `${NAME}` replaced by the values GitLab would put there, for the fields
 * GitLab expands itself rather than the shell (`image`, `services`): `node:$NODE_VERSION` in a
 * matrix job names a real image. Unknown names are left as written.
 * @example expandVariables("node:${V}-alpine", new Map([["V", "22"]])) // "node:22-alpine"
 */
export function expandVariables(text: string, values: ReadonlyMap<string, string>): string {
  if (!text.includes("$")) return text;
  return text.replace(
    REFERENCE,
    (reference, braced: string | undefined, bare: string | undefined) => {
      const value = values.get(braced ?? bare ?? "");
      return value ?? reference;
    },
  );
}
