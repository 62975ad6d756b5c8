import { dirname } from "node:path";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-code.js";
import { addCommand, packageManagerOf } from "../load/package-manager.js";
import { parseLoadTimeout } from "../load/pipeline-code-guard.js";
import { resolveAppFile } from "../load/resolve-app-file.js";
import { loadTypescript } from "../locate/load-typescript.js";
import { typeCheck } from "../locate/type-check.js";
import { type OptionSpec, parseOptions } from "../parse-options.js";
import { targets } from "../targets.js";
import { checkPipelineFile, plural } from "./check-pipeline-file.js";

const checkOptions = {
  app: { type: "string" },
  timeout: { type: "string" },
} as const satisfies OptionSpec;

/**
 * `pipecraft check`: type-checks the pipeline file with the project's typescript and tsconfig,
 * then validates it, reporting both; exit 1 when either finds an error. One command for CI.
 */
export async function check(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseOptions("check", args, checkOptions);
  const timeout = parseLoadTimeout(options.timeout, "check");
  const app = await resolveAppFile(options.app, io.cwd, "check");
  const lookup = await loadTypescript(app.path).catch(() => undefined);
  if (lookup?.kind !== "api") {
    // TypeScript 7 (the native port) has no compiler API yet: TypeScript 5 is what check uses.
    const install = addCommand(packageManagerOf(dirname(app.path)), "typescript@5", true);
    io.stderr.write(
      lookup?.kind === "no-api"
        ? `pipecraft check: typescript ${lookup.version} in this project has no compiler API to type-check ${app.display} with (TypeScript 7 has none yet); install TypeScript 5 (${install})\n`
        : `pipecraft check: typescript is not installed in this project; install it (${install}) to type-check ${app.display}\n`,
    );
    return ExitCode.failure;
  }
  const ts = lookup.ts;
  const types = typeCheck(ts, app.path, io.cwd);
  if (types.errors.length > 0) {
    io.stderr.write(
      `${types.errors.join("\n")}\n${plural(types.errors.length, "type error")} (${types.tsconfig ?? "no tsconfig.json: strict defaults"})\n`,
    );
  }
  const checked = await checkPipelineFile(
    app,
    io,
    { target: targets[0]!, values: {}, sourceFile: app.display, shape: "text" },
    timeout,
  );
  if (checked === undefined || types.errors.length > 0) return ExitCode.failure;
  io.stderr.write(`${app.display} type-checks and is valid (${checked.jobs})\n`);
  return ExitCode.ok;
}
