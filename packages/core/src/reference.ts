import { yamlTag } from "@pipecraft/emit";
import type { Reference } from "./schema/reference-value.js";

/**
 * GitLab's `!reference`: reuse a keyword (or part of one) of another job or hidden template.
 * @example script: [reference(".setup", "script"), "npm test"] // !reference [.setup, script]
 */
export function reference(job: string, ...keys: [string, ...string[]]): Reference {
  return yamlTag("!reference", [job, ...keys]);
}
