import { isTaggedValue } from "@pipecraft/emit";
import { type Diagnostic, error } from "../diagnostics/diagnostic.js";
import { suggester } from "../diagnostics/did-you-mean.js";
import { formatPath } from "../diagnostics/path.js";
import type { Job } from "../schema/index.js";
import { isHiddenJob } from "../templates/is-hidden-job.js";
import type { CheckInput } from "./check-input.js";

/**
 * `environment` of the jobs that run, templates applied (a template often sets only `url` or
 * `action`): it has a name, and its `on_stop` job exists, runs, and stops the same environment
 * (GitLab: "on_stop job … is not defined" / "does not have environment defined" / "have
 * different environment name").
 */
export function checkEnvironment(input: CheckInput): Diagnostic[] {
  const known = new Set(input.names);
  const hintFor = suggester(() => input.names.filter((name) => !isHiddenJob(name)));
  const diagnostics: Diagnostic[] = [];
  for (const [name, job] of input.running) {
    const environment = job.environment;
    if (
      environment === undefined ||
      typeof environment === "string" ||
      isTaggedValue(environment)
    ) {
      continue;
    }
    if (environment.name === undefined) {
      diagnostics.push(
        error(
          "environment/no-name",
          formatPath(["jobs", name, "environment"]),
          "environment has no name; add name",
        ),
      );
    }
    const stopper = environment.on_stop;
    if (stopper === undefined) continue;
    const path = formatPath(["jobs", name, "environment", "on_stop"]);
    const quoted = JSON.stringify(stopper);
    const stopJob = input.expansion.jobs.get(stopper);
    if (!known.has(stopper)) {
      diagnostics.push(
        error("environment/unknown-stop-job", path, `no job named ${quoted}${hintFor(stopper)}`),
      );
    } else if (isHiddenJob(stopper)) {
      diagnostics.push(
        error(
          "environment/hidden-stop-job",
          path,
          `${quoted} is a hidden template, which never runs`,
        ),
      );
    } else if (stopJob !== undefined) {
      const stopped = environmentName(stopJob);
      // A partial job (invalid, or a broken extends) may have lost its environment.
      if (stopped === undefined && input.expansion.incomplete.has(stopper)) continue;
      if (stopped === undefined) {
        diagnostics.push(
          error(
            "environment/stop-job-without-environment",
            path,
            `${quoted} has no environment; an on_stop job must name the environment it stops`,
          ),
        );
      } else if (environment.name !== undefined && stopped !== environment.name) {
        diagnostics.push(
          error(
            "environment/stop-job-other-environment",
            path,
            `${quoted} stops environment ${JSON.stringify(stopped)}, not ${JSON.stringify(environment.name)}`,
          ),
        );
      }
    }
  }
  return diagnostics;
}

function environmentName(job: Job): string | undefined {
  const environment = job.environment;
  if (typeof environment === "string") return environment;
  if (environment === undefined || isTaggedValue(environment)) return undefined;
  return environment.name;
}
