import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { loadGitlabYamlDocuments } from "../support/gitlab-yaml.js";
import { readGitlabSchema } from "../support/shared.js";

/** One schema violation: where in the document, and what GitLab's schema says about it. */
export interface GitlabSchemaError {
  /** JSON pointer into the document, e.g. `/deploy/environment/url`. */
  instancePath: string;
  /** JSON pointer into GitLab's schema, e.g. `#/definitions/job_template/...`. */
  schemaPath: string;
  message: string;
}

type JsonObject = { [key: string]: unknown };

function child(node: unknown, key: string | number): JsonObject {
  const value = (node as Record<string | number, unknown>)[key];
  if (value === null || typeof value !== "object") {
    throw new Error(`GitLab schema changed shape: no object at "${String(key)}"`);
  }
  return value as JsonObject;
}

function deleteKey(node: JsonObject, key: string): void {
  if (!(key in node)) throw new Error(`GitLab schema changed shape: no "${key}" to delete`);
  delete node[key];
}

/**
 * Removes the four over-strict constraints that gitlab-ci-local also deletes before validating
 * (see its src/schema/index.ts): include glob patterns, cache keys containing "/",
 * `environment.name` minLength, and the `environment.url` pattern.
 */
export function relaxKnownFalsePositives(schema: JsonObject): JsonObject {
  const definitions = child(schema, "definitions");
  deleteKey(child(child(child(definitions, "include_item"), "oneOf"), 0), "pattern");
  deleteKey(
    child(child(child(child(child(definitions, "cache_item"), "properties"), "key"), "oneOf"), 0),
    "pattern",
  );
  const environment = child(
    child(child(child(child(definitions, "job_template"), "properties"), "environment"), "oneOf"),
    1,
  );
  deleteKey(child(child(environment, "properties"), "name"), "minLength");
  deleteKey(child(child(environment, "properties"), "url"), "pattern");
  return schema;
}

/** Compiles GitLab's schema with the options gitlab-ci-local uses. */
function compileGitlabSchema(relaxed: boolean): ValidateFunction {
  const schema = readGitlabSchema() as JsonObject;
  const ajv = new Ajv({
    allErrors: true,
    allowUnionTypes: true,
    validateFormats: false,
    strictTypes: false,
    keywords: ["markdownDescription"],
  });
  return ajv.compile(relaxed ? relaxKnownFalsePositives(schema) : schema);
}

function toSchemaError(error: ErrorObject): GitlabSchemaError {
  const detail =
    error.keyword === "additionalProperties"
      ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
      : "";
  return {
    instancePath: error.instancePath,
    schemaPath: error.schemaPath,
    message: `${error.message ?? error.keyword}${detail}`,
  };
}

/** Validates `.gitlab-ci.yml` text; returns the schema violations, empty when valid. */
export type GitlabSchemaValidator = (yamlText: string) => GitlabSchemaError[];

/**
 * A validator for `.gitlab-ci.yml` text (each `---` document: the optional `spec` header and the
 * configuration) against GitLab's CI schema, as published (`relaxed: false`) or with the known
 * false positives removed as gitlab-ci-local does (`relaxed: true`).
 */
export function createGitlabSchemaValidator(options: { relaxed: boolean }): GitlabSchemaValidator {
  const validate = compileGitlabSchema(options.relaxed);
  return (yamlText) => {
    const errors: GitlabSchemaError[] = [];
    for (const document of loadGitlabYamlDocuments(yamlText)) {
      if (!validate(document)) errors.push(...(validate.errors ?? []).map(toSchemaError));
    }
    return errors;
  };
}

let relaxedValidator: GitlabSchemaValidator | undefined;

/**
 * Validates `.gitlab-ci.yml` text against GitLab's CI schema, with the four known false
 * positives removed as gitlab-ci-local does; returns the violations, empty when valid.
 */
export function validateAgainstGitlabSchema(yamlText: string): GitlabSchemaError[] {
  relaxedValidator ??= createGitlabSchemaValidator({ relaxed: true });
  return relaxedValidator(yamlText);
}
