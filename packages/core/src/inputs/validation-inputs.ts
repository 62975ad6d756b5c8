import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { specSchema } from "../schema/spec.js";
import { isPlainObject } from "../templates/is-plain-object.js";
import { type InputValue, interpolateInputs, resolveInputValues } from "./interpolate-inputs.js";

/** A pipeline input as validation checks it: `$[[ inputs.name ]]` interpolated, or as written. */
export type CheckedInput = { input: unknown; interpolated: boolean; diagnostics: Diagnostic[] };

/**
 * GitLab interpolates inputs before it validates, so validation checks a copy with every
 * placeholder replaced by its input's default, or, for a required input (given only when a
 * pipeline is created), by a stand-in of its type. The output keeps the placeholders.
 */
export function inputForValidation(written: unknown): CheckedInput {
  if (!isPlainObject(written) || written.spec === undefined) {
    return { input: written, interpolated: false, diagnostics: [] };
  }
  const spec = specSchema.safeParse(written.spec);
  const declared = spec.success ? (spec.data.inputs ?? {}) : {};
  const { values } = resolveInputValues(declared, {});
  for (const [name, declaration] of Object.entries(declared)) {
    if (!values.has(name)) values.set(name, standIn(name, declaration?.type));
  }
  const { spec: header, ...body } = written;
  const result = interpolateInputs(body, values);
  if (result.diagnostics.length === 0 && JSON.stringify(result.value) === JSON.stringify(body)) {
    return { input: written, interpolated: false, diagnostics: [] };
  }
  return {
    input: { spec: header, ...(result.value as object) },
    interpolated: true,
    diagnostics: result.diagnostics,
  };
}

function standIn(name: string, type: string | undefined): InputValue {
  switch (type) {
    case "array":
      return [];
    case "boolean":
      return false;
    case "number":
      return 1;
    default:
      return `input-${name}`;
  }
}
