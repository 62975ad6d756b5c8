import { isTaggedValue } from "@pipecraft/emit";

/**
 * A `variables:` block of a rule (or of the pipeline) as plain strings, the way GitLab stores
 * them (`1` → `"1"`). Object forms (`{ value, description }`) give their value; unresolved
 * `!reference` values are left out.
 */
export function variableStrings(variables: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof variables !== "object" || variables === null || isTaggedValue(variables)) {
    return result;
  }
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      result[name] = String(value);
    } else if (typeof value === "object" && value !== null && "value" in value) {
      const written = (value as { value?: unknown }).value;
      if (typeof written === "string") result[name] = written;
    }
  }
  return result;
}
