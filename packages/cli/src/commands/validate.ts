import { checkPipelineFile } from "../check-pipeline-file.js";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { jobCount } from "../job-count.js";
import { checkKubernetesFlags, kubernetesOptions } from "../kubernetes-options.js";
import { outputTarget } from "../output-target.js";
import { type OptionSpec, parseOptions } from "../parse-options.js";
import { renderTarget } from "../render-target.js";
import { resolveAppFile } from "../resolve-app-file.js";
import { UsageError } from "../usage-error.js";

const validateOptions = {
  app: { type: "string" },
  target: { type: "string" },
  strict: { type: "boolean" },
} as const satisfies OptionSpec;

/**
 * `pipecraft validate`: loads and checks the pipeline file, reports every problem, writes
 * nothing. With `--target kubernetes` (or kaniko) the target's own checks run too.
 */
export async function validate(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseOptions("validate", args, validateOptions);
  const target = outputTarget(options.target, "validate");
  if (target === "gitlab" && options.strict) {
    throw new UsageError("--strict applies to --target kubernetes and kaniko only", "validate");
  }
  const flags = { name: undefined, namespace: undefined, runId: undefined, strict: options.strict };
  checkKubernetesFlags(flags, "validate");
  const app = await resolveAppFile(options.app, io.cwd, "validate");
  const counts = await checkPipelineFile(app, io, async (pipeline) => {
    const targetOptions = await kubernetesOptions(flags, pipeline, app, app.display);
    const { output, diagnostics } = renderTarget(target, pipeline, "text", targetOptions);
    return { output: output && jobCount(pipeline), diagnostics };
  });
  if (counts === undefined) {
    return ExitCode.failure;
  }
  const forTarget = target === "gitlab" ? "" : ` for ${target}`;
  io.stderr.write(`${app.display} is valid${forTarget} (${counts})\n`);
  return ExitCode.ok;
}
