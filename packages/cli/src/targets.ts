import type { Target } from "@pipecraft/core";
import { gitlabTarget } from "@pipecraft/gitlab";
import { graphTarget } from "@pipecraft/graph";
import { kanikoTarget, kubernetesTarget } from "@pipecraft/kubernetes";
import type { OptionSpec } from "./parse-options.js";
import { runVariables } from "./run-variables.js";
import { UsageError } from "./user-error.js";

/**
 * Every output format `--target` names, the default first. The commands read only this table:
 * a new target is one more entry (and a line in the usage text, which a test holds to it).
 */
export const targets: readonly Target[] = [
  gitlabTarget,
  kubernetesTarget,
  kanikoTarget,
  graphTarget,
];

/** The target `--target` asks for: the first (gitlab) when not given, else a usage error. */
export function findTarget(name: string | undefined, command: string): Target {
  const names = targets.map((target) => target.name);
  const found = targets.find((target) => target.name === (name ?? names[0]));
  if (found !== undefined) return found;
  throw new UsageError(`unknown --target "${name}"; expected ${names.join(", ")}`, command, {
    name: name ?? "",
    candidates: names,
  });
}

/**
 * The options of every target, in table order, for a command's parser: all of them for synth,
 * only those that change what a target reports for validate (which writes nothing).
 */
export function targetOptionSpec(which: "all" | "affecting diagnostics"): OptionSpec {
  const spec: OptionSpec = {};
  for (const target of targets) {
    for (const [name, option] of Object.entries(target.options)) {
      if (which === "all" || option.affectsDiagnostics === true) spec[name] = { type: option.type };
    }
  }
  return spec;
}

/**
 * The values of the target options on the command line, after two checks: each given option is
 * one this target takes, and passes the target's own check. Throws a usage error otherwise.
 */
export function targetValues(
  target: Target,
  spec: OptionSpec,
  parsed: Readonly<Record<string, string | readonly string[] | boolean | undefined>>,
  command: string,
): Record<string, string | boolean | undefined> {
  const values: Record<string, string | boolean | undefined> = {};
  for (const name of Object.keys(spec)) {
    const value = parsed[name];
    if (value === undefined || value === false || typeof value === "object") continue;
    if (!Object.hasOwn(target.options, name)) {
      const takers = targets.filter((other) => Object.hasOwn(other.options, name));
      throw new UsageError(
        `--${name} applies to --target ${listed(takers.map((taker) => taker.name))} only`,
        command,
      );
    }
    values[name] = value;
  }
  for (const [name, option] of Object.entries(target.options)) {
    const value = values[name];
    const problem = typeof value === "string" ? option.check?.(value) : undefined;
    if (problem !== undefined) throw new UsageError(`--${name} "${value}" ${problem}`, command);
  }
  return values;
}

/**
 * The `--var` values of a command line, checked: none, or a target that selects jobs (GitLab
 * evaluates `rules` itself). Undefined when none were given: then no job selection is made.
 */
export function selectionVariables(
  target: Target,
  values: readonly string[],
  command: string,
): Record<string, string> | undefined {
  if (values.length === 0) return undefined;
  if (target.selectsJobs !== true) {
    const takers = targets.filter((other) => other.selectsJobs === true);
    throw new UsageError(
      `--var applies to --target ${listed(takers.map((taker) => taker.name))} only; GitLab evaluates rules itself`,
      command,
    );
  }
  return runVariables(values, command);
}

/** `a`, `a and b`, `a, b and c`. */
function listed(names: readonly string[]): string {
  return names.length <= 1
    ? names.join("")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
