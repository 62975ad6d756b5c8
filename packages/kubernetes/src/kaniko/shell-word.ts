// Characters that mean nothing to a POSIX shell anywhere in a word.
const plainWord = /^[A-Za-z0-9_@%+=:,./-]+$/;
const flagPrefix = /^(--?[A-Za-z0-9][A-Za-z0-9-]*=)([\s\S]*)$/;

/** `value` in double quotes with `"`, `\` and backquote escaped: `$` is left to the shell. */
function doubleQuoted(value: string): string {
  return `"${value.replace(/["\\`]/g, "\\$&")}"`;
}

/**
 * One argument as a POSIX shell word: as it is when it has no special characters, otherwise in
 * double quotes (after a `--flag=` prefix, which stays bare). Inside the quotes `"`, `\` and
 * backquote are escaped, so spaces, quotes and backslashes arrive unchanged, while `$VAR` and
 * `${VAR}` references (and any other `$` expansion) are still expanded by the job's shell.
 * @example shellWord("--destination=$CI_REGISTRY_IMAGE:latest") // --destination="$CI_REGISTRY_IMAGE:latest"
 */
export function shellWord(value: string): string {
  if (plainWord.test(value)) return value;
  const flag = flagPrefix.exec(value);
  return flag === null ? doubleQuoted(value) : `${flag[1]}${doubleQuoted(flag[2] ?? "")}`;
}
