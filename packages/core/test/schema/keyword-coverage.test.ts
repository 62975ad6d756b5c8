import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  gitlabSchemaPath,
  readGitlabSchema,
  sharedMissingReason,
} from "../../../../test/support/shared.js";
import { defaultSchema, jobObjectSchema, topLevelSchema } from "../../src/schema/index.js";

/** A JSON schema node, as far as this test reads it. */
interface JsonSchemaNode {
  $ref?: string;
  properties?: Record<string, JsonSchemaNode>;
  patternProperties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode;
  oneOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
  definitions?: Record<string, JsonSchemaNode>;
}

const missing = sharedMissingReason(gitlabSchemaPath);
if (missing !== undefined) console.warn(`keyword coverage tests ${missing}`);

/**
 * Keywords of GitLab's schema the model leaves out on purpose, by the path where the schema lists
 * them (`*` = any element of an array, any value of a map).
 */
const deliberatelyExcluded: Record<string, string> = {
  $schema: "an editor hint for JSON-schema-aware editors; GitLab itself would read it as a job",
  "!reference":
    "listed so that the JSON form of a `!reference` tag validates; a tag is a value, not a key: " +
    "modeled as reference() values",
  pages:
    "a job with a special meaning, not a keyword: it is `jobs.pages` (with job keyword `pages`)",
  "default.!reference": "as `!reference` above",
};

/**
 * Documented GitLab keywords this copy of the schema lacks, modeled anyway because real
 * configurations use them (GitLab's own templates, in the corpus). A file that uses them does not
 * validate against the schema, so each must stay a deliberate choice.
 */
const beyondSchema: Record<string, string> = {
  "<job>.artifacts.public": "used by GitLab's OpenTofu template; superseded by `access`",
  "<job>.artifacts.reports.api_fuzzing": "documented report kind (API fuzzing)",
  "<job>.artifacts.reports.coverage_fuzzing": "used by GitLab's Coverage-Fuzzing template",
  "<job>.dast_configuration": "documented job keyword (DAST site/scanner profiles, Ultimate)",
  "default.artifacts.public": "as <job>.artifacts.public",
  "default.artifacts.reports.api_fuzzing": "as <job>.artifacts.reports.api_fuzzing",
  "default.artifacts.reports.coverage_fuzzing": "as <job>.artifacts.reports.coverage_fuzzing",
};

/**
 * pipecraft's own keywords: they shape the Kubernetes targets, and the GitLab target leaves them
 * out of `.gitlab-ci.yml` (tested in packages/gitlab), so GitLab never sees them.
 */
const pipecraftExtensions: Record<string, string> = {
  "<job>.kubernetes": "the job's Pod on Kubernetes (resources, security, volumes, Kaniko builds)",
  "default.kubernetes": "Pod settings every job starts from",
};

const isExtra = (path: string) => path in beyondSchema || path in pipecraftExtensions;

// Both the model and the schema may offer several object forms at one place (e.g. the forms of
// `needs` entries); each model form is compared with the schema form sharing most keys.
const overlap = (a: readonly string[], b: readonly string[]) =>
  a.filter((k) => b.includes(k)).length;

type AnySchema = z.core.$ZodType;

/** The object schemas a value can be, through optional/nullable/union/refinement wrappers. */
function modelObjects(schema: AnySchema): z.core.$ZodObject[] {
  const def = schema._zod.def;
  switch (def.type) {
    case "object":
      return [schema as z.core.$ZodObject];
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
      return modelObjects((def as z.core.$ZodOptionalDef).innerType);
    case "union":
      return (def as z.core.$ZodUnionDef).options.flatMap(modelObjects);
    default:
      return [];
  }
}

/** Element schemas of the arrays and values of the records a value can be. */
function modelChildren(schema: AnySchema): AnySchema[] {
  const def = schema._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
      return modelChildren((def as z.core.$ZodOptionalDef).innerType);
    case "union":
      return (def as z.core.$ZodUnionDef).options.flatMap(modelChildren);
    case "array":
      return [(def as z.core.$ZodArrayDef).element];
    case "record":
      return [(def as z.core.$ZodRecordDef).valueType];
    default:
      return [];
  }
}

function resolve(root: JsonSchemaNode, node: JsonSchemaNode): JsonSchemaNode {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace("#/definitions/", "");
  const target = root.definitions?.[name];
  if (target === undefined) throw new Error(`unresolved ${node.$ref}`);
  return resolve(root, target);
}

function branches(root: JsonSchemaNode, node: JsonSchemaNode): JsonSchemaNode[] {
  const resolved = resolve(root, node);
  const nested = [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])];
  return [resolved, ...nested.flatMap((branch) => branches(root, branch))];
}

/**
 * The schema's object forms at a place: nodes that list `properties`, with the properties of
 * their `allOf` parts merged in (GitLab composes input declarations that way).
 */
function schemaObjects(root: JsonSchemaNode, node: JsonSchemaNode): JsonSchemaNode[] {
  const resolved = resolve(root, node);
  const parts = (resolved.allOf ?? []).flatMap((part) => schemaObjects(root, part));
  const properties = Object.assign(
    {},
    ...parts.map((part) => part.properties),
    resolved.properties,
  );
  const alternatives = [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])];
  return [
    ...(Object.keys(properties).length > 0 ? [{ properties }] : []),
    ...alternatives.flatMap((alternative) => schemaObjects(root, alternative)),
  ];
}

/** The schema's element/value nodes of the arrays and maps at a place. */
function schemaChildren(root: JsonSchemaNode, node: JsonSchemaNode): JsonSchemaNode[] {
  return branches(root, node).flatMap((branch) => [
    ...(branch.items === undefined ? [] : [branch.items]),
    // GitLab's schema lists workflow rule keys on the `rules` array node itself.
    ...(branch.items !== undefined && branch.properties !== undefined ? [branch] : []),
    ...Object.values(branch.patternProperties ?? {}),
    ...(typeof branch.additionalProperties === "object" ? [branch.additionalProperties] : []),
  ]);
}

interface Finding {
  missing: string[];
  invented: string[];
  /** Every model keyword path found in the schema. */
  seen: Set<string>;
}

/** Compares the keys of every object the model and the schema nest at a place, recursively. */
function compare(
  root: JsonSchemaNode,
  model: AnySchema,
  schema: JsonSchemaNode,
  path: string,
  finding: Finding,
): void {
  const jsonObjects = schemaObjects(root, schema);
  const objects = modelObjects(model);
  const modelled = new Set(objects.flatMap((object) => Object.keys(object._zod.def.shape)));
  for (const object of objects) {
    const keys = Object.keys(object._zod.def.shape);
    const match = jsonObjects
      .map((json) => ({ json, score: overlap(keys, Object.keys(json.properties ?? {})) }))
      .sort((a, b) => b.score - a.score)[0];
    if (match === undefined) continue;
    for (const key of keys) {
      const property = match.json.properties?.[key];
      const keyPath = path === "" ? key : `${path}.${key}`;
      if (property === undefined) {
        finding.invented.push(keyPath);
        continue;
      }
      finding.seen.add(keyPath);
      const value = object._zod.def.shape[key];
      if (value !== undefined) compare(root, value, property, keyPath, finding);
    }
  }
  // A schema key is missing when no object form the model offers here has it.
  for (const json of objects.length > 0 ? jsonObjects : []) {
    for (const key of Object.keys(json.properties ?? {})) {
      const keyPath = path === "" ? key : `${path}.${key}`;
      if (!modelled.has(key) && deliberatelyExcluded[keyPath] === undefined) {
        finding.missing.push(keyPath);
      }
    }
  }
  const children = schemaChildren(root, schema);
  for (const child of modelChildren(model)) {
    for (const json of children) compare(root, child, json, `${path}.*`, finding);
  }
}

describe.skipIf(missing !== undefined)("keyword coverage against GitLab's schema", () => {
  const root: JsonSchemaNode = missing === undefined ? (readGitlabSchema() as JsonSchemaNode) : {};

  it("models every top-level keyword, and invents none", () => {
    const modelKeys = Object.keys(topLevelSchema.shape);
    const schemaKeys = Object.keys(root.properties ?? {});
    expect(
      schemaKeys.filter((k) => !modelKeys.includes(k) && !(k in deliberatelyExcluded)),
    ).toEqual([]);
    expect(modelKeys.filter((k) => !schemaKeys.includes(k))).toEqual([]);
  });

  it("models every job keyword, and invents none", () => {
    const job = resolve(root, { $ref: "#/definitions/job_template" });
    const modelKeys = Object.keys(jobObjectSchema.shape);
    const schemaKeys = Object.keys(job.properties ?? {});
    expect(schemaKeys.filter((k) => !modelKeys.includes(k))).toEqual([]);
    expect(modelKeys.filter((k) => !schemaKeys.includes(k) && !isExtra(`<job>.${k}`))).toEqual([]);
  });

  it("models every `default` keyword, and invents none", () => {
    const modelKeys = Object.keys(defaultSchema.shape);
    const schemaKeys = Object.keys(root.properties?.default?.properties ?? {});
    expect(
      schemaKeys.filter((k) => !modelKeys.includes(k) && !(`default.${k}` in deliberatelyExcluded)),
    ).toEqual([]);
    expect(modelKeys.filter((k) => !schemaKeys.includes(k) && !isExtra(`default.${k}`))).toEqual(
      [],
    );
  });

  it("models every nested keyword (artifacts.reports, rules, needs forms, …), and invents none", () => {
    const finding: Finding = { missing: [], invented: [], seen: new Set() };
    compare(root, topLevelSchema, root, "", finding);
    compare(root, jobObjectSchema, { $ref: "#/definitions/job_template" }, "<job>", finding);
    expect(finding.missing).toEqual([]);
    expect(finding.invented.filter((path) => !isExtra(path))).toEqual([]);
    // The walk really descends: a sample of deep paths was compared.
    expect([...finding.seen]).toEqual(
      expect.arrayContaining([
        "<job>.artifacts.reports.junit",
        "<job>.needs.*.project",
        "<job>.rules.*.exists.project",
        "<job>.trigger.include.*.artifact",
        "include.*.rules.*.changes.compare_to",
        "workflow.rules.*.auto_cancel.on_new_commit",
        "spec.inputs.*.rules",
      ]),
    );
  });

  it("lists only keywords the schema really lacks as beyond the schema", () => {
    const finding: Finding = { missing: [], invented: [], seen: new Set() };
    compare(root, topLevelSchema, root, "", finding);
    compare(root, jobObjectSchema, { $ref: "#/definitions/job_template" }, "<job>", finding);
    expect(Object.keys(beyondSchema).filter((path) => !finding.invented.includes(path))).toEqual(
      [],
    );
  });
});
