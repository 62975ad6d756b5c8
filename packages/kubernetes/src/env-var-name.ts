// Kubernetes' rule for a container env name since 1.34 (apimachinery's IsRelaxedEnvVarName; the
// RelaxedEnvironmentVariableValidation gate is GA there): not empty, and every character
// printable ASCII (space to "~") other than "=". GitLab accepts names the API server rejects.
const PRINTABLE_ASCII_BUT_EQUALS = /^[\x20-\x3C\x3E-\x7E]$/;

/**
 * Why the API server would reject `name` as a container env name, or undefined when it accepts
 * it; the reason names the offending character by code point, never the raw character.
 * @example envVarNameProblem("BAD=NAME") // 'it contains "="'
 */
export function envVarNameProblem(name: string): string | undefined {
  if (name === "") return "it is empty";
  for (const character of name) {
    if (PRINTABLE_ASCII_BUT_EQUALS.test(character)) continue;
    if (character === "=") return 'it contains "="';
    const code = character.codePointAt(0) ?? 0;
    const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    return code < 0x20 || code === 0x7f
      ? `it contains the control character ${codePoint}`
      : `it contains ${codePoint}, which is not ASCII`;
  }
  return undefined;
}
