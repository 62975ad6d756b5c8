import { checkPipelineFile } from "../check-pipeline-file.js";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { jobCount } from "../job-count.js";
import { type OptionSpec, parseOptions } from "../parse-options.js";
import { resolveAppFile } from "../resolve-app-file.js";

const validateOptions = {
  app: { type: "string" },
} as const satisfies OptionSpec;

/** `pipecraft validate`: loads and checks the pipeline file, reports every problem, writes nothing. */
export async function validate(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseOptions("validate", args, validateOptions);
  const app = await resolveAppFile(options.app, io.cwd, "validate");
  const pipeline = await checkPipelineFile(app, io, async (valid) => ({
    output: valid,
    diagnostics: [],
  }));
  if (pipeline === undefined) {
    return ExitCode.failure;
  }
  io.stderr.write(`${app.display} is valid (${jobCount(pipeline)})\n`);
  return ExitCode.ok;
}
