import { UsageError } from "./usage-error.js";

/** The output formats `--target` names; only `gitlab` is implemented so far. */
const plannedTargets = ["kubernetes", "kaniko"] as const;

/** The target `--target` asks for: `gitlab` (the default), or a usage error for anything else. */
export function outputTarget(target: string | undefined, command: string): "gitlab" {
  if (target === undefined || target === "gitlab") {
    return "gitlab";
  }
  if ((plannedTargets as readonly string[]).includes(target)) {
    throw new UsageError(
      `--target ${target} is not available yet; only gitlab is supported`,
      command,
    );
  }
  throw new UsageError(
    `unknown --target "${target}"; expected gitlab (kubernetes and kaniko are planned)`,
    command,
  );
}
