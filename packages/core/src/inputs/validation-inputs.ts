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
  // A default outside `options` or not matching `regex` is an error, at its input; a missing
  // value is not (a required input is given when a pipeline is created).
  const resolved = resolveInputValues(declared, {}, ["spec", "inputs"]);
  const { values } = resolved;
  const invalid = resolved.diagnostics.filter((d) => d.code === "inputs/invalid");
  // An invalid `spec` is reported by the schema; its inputs still stand for themselves, so that
  // their placeholders are not reported a second time as undeclared.
  const names = spec.success ? declared : writtenDeclarations(written.spec);
  for (const [name, declaration] of Object.entries(names)) {
    if (!values.has(name)) values.set(name, standIn(name, declaration?.type));
  }
  const { spec: header, ...body } = written;
  const result = interpolateInputs(body, values);
  const diagnostics = [...invalid, ...result.diagnostics];
  if (diagnostics.length === 0 && JSON.stringify(result.value) === JSON.stringify(body)) {
    return { input: written, interpolated: false, diagnostics: [] };
  }
  return {
    input: { spec: header, ...(result.value as object) },
    interpolated: true,
    diagnostics,
  };
}

// The inputs an invalid `spec` declares, with their `type` where it is a string.
function writtenDeclarations(spec: unknown): Record<string, { type?: string } | null> {
  if (!isPlainObject(spec) || !isPlainObject(spec.inputs)) return {};
  return Object.fromEntries(
    Object.entries(spec.inputs).map(([name, declaration]) => [
      name,
      isPlainObject(declaration) && typeof declaration.type === "string"
        ? { type: declaration.type }
        : null,
    ]),
  );
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
