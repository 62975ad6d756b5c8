import { type TaggedValue, yamlTag } from "@pipecraft/emit";

/**
 * GitLab's `!reference`: reuse a keyword (or part of one) of another job or hidden template.
 * @example script: [reference(".setup", "script"), "npm test"] // !reference [.setup, script]
 */
export function reference(job: string, ...keys: [string, ...string[]]): TaggedValue {
  return yamlTag("!reference", [job, ...keys]);
}
