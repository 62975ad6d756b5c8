import { UsageError } from "./usage-error.js";

/** The output formats `--target` names. */
export const outputTargets = ["gitlab", "kubernetes", "kaniko"] as const;

/** One output format. */
export type OutputTarget = (typeof outputTargets)[number];

/** Where each target writes when `--out` is not given. */
export const defaultOutput: Readonly<Record<OutputTarget, string>> = {
  gitlab: ".gitlab-ci.yml",
  kubernetes: "kubernetes.yaml",
  kaniko: "kaniko.yaml",
};

/** The target `--target` asks for: `gitlab` (the default), or a usage error for anything else. */
export function outputTarget(target: string | undefined, command: string): OutputTarget {
  if (target === undefined) return "gitlab";
  if ((outputTargets as readonly string[]).includes(target)) return target as OutputTarget;
  throw new UsageError(
    `unknown --target "${target}"; expected ${outputTargets.join(", ")}`,
    command,
    {
      name: target,
      candidates: outputTargets,
    },
  );
}
