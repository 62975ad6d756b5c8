import {
  checkPrototypeKeys,
  escapeControlCharacters,
  formatPath,
  type KanikoBuild,
  kanikoBuildSchema,
} from "@pipecraft/core";

// zod's issue type, reached through the schema (zod itself is not a dependency of this package).
type ParseOptions = NonNullable<Parameters<typeof kanikoBuildSchema.safeParse>[1]>;
type RawIssue = Parameters<NonNullable<ParseOptions["error"]>>[0];

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

// Words zod's generic issues the way pipecraft's diagnostics read; messages the schema sets
// itself (refinements, "expected at least one image reference") take precedence over this map.
function optionMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? `missing; expected ${issue.expected}`
        : `expected ${issue.expected}, got ${describeType(issue.input)}`;
    case "unrecognized_keys":
      return issue.keys.map((key) => `unknown option ${JSON.stringify(key)}`).join(", ");
    case "too_small":
      return issue.minimum === 1 ? "must not be empty" : undefined;
    default:
      return undefined;
  }
}

function issuePath(path: readonly PropertyKey[]): string {
  return formatPath(path.filter((key) => typeof key !== "symbol"));
}

/**
 * Validates the options of a Kaniko build with `kanikoBuildSchema`; throws one Error whose one
 * line names every bad option and the problem, e.g.
 * `kaniko.build: destinations: expected at least one image reference`.
 */
export function parseKanikoBuild(options: unknown, caller = "kaniko.build"): KanikoBuild {
  const result = kanikoBuildSchema.safeParse(options, { error: optionMessage });
  // A `__proto__` build arg passes the schema but is lost in the copy it makes.
  const prototypeKeys = checkPrototypeKeys(options).map((d) => `${d.path}: ${d.message}`);
  if (result.success && prototypeKeys.length === 0) return result.data;
  const issues = result.success ? [] : result.error.issues;
  const problems = issues.map((issue) => {
    const path = issuePath(issue.path);
    return path === "" ? issue.message : `${path}: ${issue.message}`;
  });
  problems.push(...prototypeKeys);
  // The message quotes the user's values: nothing in it may act on the terminal.
  throw new Error(escapeControlCharacters(`${caller}: ${problems.join("; ")}`));
}
