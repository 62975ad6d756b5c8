import { UsageError } from "./user-error.js";

// GitLab's variable keys: letters, digits and `_`; not starting with a digit, so that `$NAME`
// in an expression can refer to it.
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The `--var NAME=VALUE` values of a command line as a map (VALUE may be empty or hold `=`).
 * A value without `=`, without a name, with a name that is not a variable name, or a name given
 * twice is a usage error.
 * @example runVariables(["DEPLOY=prod", "DRY_RUN="], "synth") // { DEPLOY: "prod", DRY_RUN: "" }
 */
export function runVariables(values: readonly string[], command: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const value of values) {
    const equals = value.indexOf("=");
    if (equals === -1) {
      throw new UsageError(
        `--var "${value}" is not NAME=VALUE; write --var ${value}=VALUE`,
        command,
      );
    }
    const name = value.slice(0, equals);
    if (name === "") {
      throw new UsageError(`--var "${value}" has no variable name before "="`, command);
    }
    if (!VARIABLE_NAME.test(name)) {
      throw new UsageError(
        `--var "${value}": "${name}" is not a variable name (letters, digits and _, not starting with a digit)`,
        command,
      );
    }
    if (Object.hasOwn(variables, name)) {
      throw new UsageError(`--var ${name} given more than once`, command);
    }
    variables[name] = value.slice(equals + 1);
  }
  return variables;
}
