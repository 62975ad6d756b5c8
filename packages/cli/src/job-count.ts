import type { Pipeline } from "@pipecraft/core";
import { plural } from "./plural.js";

/** `12 jobs`: the jobs GitLab will run, not counting hidden `.template` jobs. */
export function jobCount(pipeline: Pipeline): string {
  return plural(Object.keys(pipeline.jobs).filter((name) => !name.startsWith(".")).length, "job");
}
