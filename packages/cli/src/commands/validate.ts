import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { parseLoadTimeout } from "../load/pipeline-code-guard.js";
import { resolveAppFile } from "../load/resolve-app-file.js";
import { type OptionSpec, parseOptions } from "../parse-options.js";
import {
  findTarget,
  selectionVariables,
  targetOptionSpec,
  targets,
  targetValues,
} from "../targets.js";
import { checkPipelineFile } from "./check-pipeline-file.js";

const validateOptions = {
  app: { type: "string" },
  target: { type: "string" },
  timeout: { type: "string" },
  var: { type: "string", multiple: true },
} as const satisfies OptionSpec;

/**
 * `pipecraft validate`: loads and checks the pipeline file, reports every problem, writes
 * nothing. With `--target kubernetes` (or kaniko) the target's own checks run too.
 */
export async function validate(args: readonly string[], io: CliIo): Promise<ExitCode> {
  // Only the target options that change what a target reports: the others shape the output.
  const targetOptions = targetOptionSpec("affecting diagnostics");
  const options = parseOptions("validate", args, { ...validateOptions, ...targetOptions });
  const target = findTarget(options.target, "validate");
  const values = targetValues(target, targetOptions, options, "validate");
  const timeout = parseLoadTimeout(options.timeout, "validate");
  const variables = selectionVariables(target, options.var, "validate");
  const app = await resolveAppFile(options.app, io.cwd, "validate");
  const checked = await checkPipelineFile(
    app,
    io,
    {
      target,
      values,
      sourceFile: app.display,
      shape: "text",
      ...(variables === undefined ? {} : { selection: { variables, runId: undefined } }),
    },
    timeout,
  );
  if (checked === undefined) {
    return ExitCode.failure;
  }
  // The default target goes without saying.
  const forTarget = target === targets[0] ? "" : ` for ${target.name}`;
  io.stderr.write(`${app.display} is valid${forTarget} (${checked.jobs})\n`);
  return ExitCode.ok;
}
