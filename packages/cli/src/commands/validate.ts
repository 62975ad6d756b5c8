import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { GITLAB_TEMPLATES_URL } from "../load/fetch-includes.js";
import { parseLoadTimeout } from "../load/pipeline-code-guard.js";
import { resolveAppFile } from "../load/resolve-app-file.js";
import { type OptionSpec, parseOptions, splitPositionals } from "../parse-options.js";
import {
  findTarget,
  selectionVariables,
  targetOptionSpec,
  targets,
  targetValues,
} from "../targets.js";
import { UsageError } from "../user-error.js";
import { checkPipelineFile } from "./check-pipeline-file.js";
import { isGitlabYamlFile, validateGitlabFile } from "./validate-gitlab-file.js";

const validateOptions = {
  app: { type: "string" },
  "resolve-includes": { type: "boolean" },
  "templates-url": { type: "string" },
  target: { type: "string" },
  timeout: { type: "string" },
  var: { type: "string", multiple: true },
} as const satisfies OptionSpec;

/**
 * `pipecraft validate`: loads and checks the pipeline file, reports every problem, writes
 * nothing. With `--target kubernetes` (or kaniko) the target's own checks run too. A GitLab
 * file (`pipecraft validate .gitlab-ci.yml`, or `--app` naming a `.yml`) is read as GitLab
 * reads it, its `include: local` files merged, and validated.
 */
export async function validate(args: readonly string[], io: CliIo): Promise<ExitCode> {
  // Only the target options that change what a target reports: the others shape the output.
  const targetOptions = targetOptionSpec("affecting diagnostics");
  const spec = { ...validateOptions, ...targetOptions };
  // One positional argument naming a YAML file is that file (a .ts one gets parseOptions' hint).
  const { positionals, options: rest } = splitPositionals(args, spec);
  const [positional] = positionals;
  const yamlArgument =
    positionals.length === 1 && positional !== undefined && isGitlabYamlFile(positional);
  const options = parseOptions("validate", yamlArgument ? rest : args, spec);
  if (yamlArgument && options.app !== undefined) {
    throw new UsageError(`give the file once: ${positional} or --app ${options.app}`, "validate");
  }
  const file = yamlArgument ? positional : options.app;
  const yaml = file !== undefined && isGitlabYamlFile(file);
  if (options["resolve-includes"] && !yaml) {
    throw new UsageError(
      "--resolve-includes reads a GitLab file: pipecraft validate .gitlab-ci.yml --resolve-includes",
      "validate",
    );
  }
  if (options["templates-url"] !== undefined && !options["resolve-includes"]) {
    throw new UsageError("--templates-url needs --resolve-includes", "validate");
  }
  if (yaml) {
    if (options.target !== undefined && options.target !== "gitlab") {
      throw new UsageError(
        `--target ${options.target} needs a pipeline.ts; a GitLab file is validated for GitLab only`,
        "validate",
      );
    }
    const named = yamlArgument ? "file" : "--app file";
    const resolveIncludes = options["resolve-includes"]
      ? { templatesUrl: options["templates-url"] ?? GITLAB_TEMPLATES_URL }
      : undefined;
    const app = await resolveAppFile(file, io.cwd, "validate", named);
    return validateGitlabFile(app, io, resolveIncludes);
  }
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
