import { VARIABLE_REFERENCE_OR_DOLLAR } from "./variable-reference.js";

// Characters that mean nothing to a POSIX shell anywhere in a word.
const plainWord = /^[A-Za-z0-9_@%+=:,./-]+$/;
const flagPrefix = /^(--?[A-Za-z0-9][A-Za-z0-9-]*=)([\s\S]*)$/;

/**
 * `value` in double quotes with `"`, `\`, backquote and every `$` that does not start a `$NAME`
 * or `${NAME}` reference escaped: values may come from branch names or synth-time computation,
 * and must never run a command substitution (`$(…)`, backquotes) or another expansion.
 */
function doubleQuoted(value: string): string {
  const escaped = value
    .replace(/["\\`]/g, "\\$&")
    .replace(VARIABLE_REFERENCE_OR_DOLLAR, (reference, braced?: string, bare?: string) =>
      braced === undefined && bare === undefined ? "\\$" : reference,
    );
  return `"${escaped}"`;
}

/**
 * One argument as a POSIX shell word: as it is when it has no special characters, otherwise in
 * double quotes (after a `--flag=` prefix, which stays bare). Only `$NAME` and `${NAME}`
 * references are expanded by the job's shell; everything else (spaces, quotes, backslashes,
 * `$(…)`, backquotes, `$1`, `${NAME:-x}`) arrives as written.
 * @example shellWord("--destination=$CI_REGISTRY_IMAGE:latest") // --destination="$CI_REGISTRY_IMAGE:latest"
 */
export function shellWord(value: string): string {
  if (plainWord.test(value)) return value;
  const flag = flagPrefix.exec(value);
  return flag === null ? doubleQuoted(value) : `${flag[1]}${doubleQuoted(flag[2] ?? "")}`;
}
