// Offline validation of Kubernetes objects against the Kubernetes 1.34 OpenAPI schema, strictly.
//
// Two maintained packages generated from the official OpenAPI spec do the work together:
// - kubernetes-models (ajv validators, one per kind): types, enums, formats, required fields.
//   Its schemas allow unknown properties (as the API server's lenient decoding does), so a
//   misspelt `commmand` would pass it.
// - @kubernetes/client-node (the Kubernetes project's own client): every model class lists its
//   fields (`getAttributeTypeMap()`), and walking the object along them finds every unknown
//   field, as `kubectl --validate=strict` and the server's strict field validation do.
import * as clientNode from "@kubernetes/client-node";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { Job } from "kubernetes-models/batch/v1/Job";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Pod } from "kubernetes-models/v1/Pod";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";

/** A kubernetes-models class: constructing one from an object and calling validate() checks it. */
type ValidatingModel = new (data: never) => { validate(): void };

/** One field of a client-node model class, as its generator wrote it from the OpenAPI spec. */
interface AttributeType {
  /** The field's name in JSON. */
  baseName: string;
  /** A TypeScript type expression: `string`, `V1PodSpec`, `Array<V1Container>`, `{ [key: string]: string; }`. */
  type: string;
}

interface ClientNodeModel {
  getAttributeTypeMap(): AttributeType[];
}

interface Kind {
  model: ValidatingModel;
  /** The name of client-node's class for this kind, the root of the unknown-field walk. */
  fields: string;
}

const KINDS = new Map<string, Kind>([
  ["batch/v1 Job", { model: Job, fields: "V1Job" }],
  ["batch/v1 CronJob", { model: CronJob, fields: "V1CronJob" }],
  ["v1 Pod", { model: Pod, fields: "V1Pod" }],
  ["v1 PersistentVolumeClaim", { model: PersistentVolumeClaim, fields: "V1PersistentVolumeClaim" }],
  ["v1 Secret", { model: Secret, fields: "V1Secret" }],
  ["v1 ConfigMap", { model: ConfigMap, fields: "V1ConfigMap" }],
  ["v1 ServiceAccount", { model: ServiceAccount, fields: "V1ServiceAccount" }],
  ["v1 Service", { model: Service, fields: "V1Service" }],
  ["v1 Namespace", { model: Namespace, fields: "V1Namespace" }],
  ["rbac.authorization.k8s.io/v1 Role", { model: Role, fields: "V1Role" }],
  ["rbac.authorization.k8s.io/v1 RoleBinding", { model: RoleBinding, fields: "V1RoleBinding" }],
]);

/** The kinds `kubernetesSchemaErrors` knows, as `apiVersion kind`: `batch/v1 Job`, `v1 Pod`, … */
export const supportedKubernetesKinds: readonly string[] = [...KINDS.keys()];

type Segment = string | number;

/** `spec.template.spec.containers[0].command`, `metadata.labels["app.kubernetes.io/name"]`. */
function formatPath(segments: readonly Segment[]): string {
  if (segments.length === 0) return "(document)";
  let path = "";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += path === "" ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** The segments of an ajv JSON pointer, with array indexes as numbers, and the value there. */
function resolvePointer(root: unknown, pointer: string): { segments: Segment[]; value: unknown } {
  const segments: Segment[] = [];
  let value = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const segment = Array.isArray(value) && /^\d+$/.test(key) ? Number(key) : key;
    segments.push(segment);
    value =
      value !== null && typeof value === "object"
        ? (value as Record<string, unknown>)[String(segment)]
        : undefined;
  }
  return { segments, value };
}

interface AjvLikeError {
  instancePath: string;
  keyword: string;
  params: { allowedValues?: unknown[] };
  message?: string;
}

function hasAjvErrors(error: unknown): error is { errors: AjvLikeError[] } {
  return (
    typeof error === "object" &&
    error !== null &&
    Array.isArray((error as { errors?: unknown }).errors)
  );
}

function modelErrorMessage(object: object, error: AjvLikeError): string {
  const { segments, value } = resolvePointer(object, error.instancePath);
  let problem = error.message ?? `fails "${error.keyword}"`;
  if (error.keyword === "enum" && error.params.allowedValues) {
    problem += ` (${error.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")})`;
  }
  if (error.keyword === "type" || error.keyword === "enum" || error.keyword === "format") {
    problem += `, got ${JSON.stringify(value)}`;
  }
  return `${formatPath(segments)}: ${problem}`;
}

/** Type, enum, format and required-field errors, from kubernetes-models' validator for the kind. */
function modelErrors(model: ValidatingModel, object: object): string[] {
  try {
    new model(object as never).validate();
    return [];
  } catch (error) {
    if (!hasAjvErrors(error)) throw error;
    return error.errors.map((e) => modelErrorMessage(object, e));
  }
}

const LEAF_TYPES = new Set(["string", "number", "boolean", "Date", "any", "object", "IntOrString"]);

function fieldsOf(className: string): AttributeType[] {
  const model = (clientNode as unknown as Record<string, ClientNodeModel | undefined>)[className];
  if (typeof model?.getAttributeTypeMap !== "function") {
    throw new Error(`@kubernetes/client-node has no model class ${className}`);
  }
  return model.getAttributeTypeMap();
}

/** Levenshtein distance, for "did you mean". */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function unknownFieldMessage(path: Segment[], className: string, known: string[]): string {
  const key = String(path.at(-1));
  const near = known
    .map((name) => ({ name, distance: editDistance(key.toLowerCase(), name.toLowerCase()) }))
    .filter(({ distance }) => distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0];
  const hint = near === undefined ? "" : `; did you mean "${near.name}"?`;
  return `${formatPath(path)}: unknown field "${key}" (${className} has no such field${hint})`;
}

/** Every field of `value` that its type (a client-node type expression) does not declare. */
function unknownFields(value: unknown, type: string, path: Segment[], errors: string[]): void {
  if (value === null || value === undefined || LEAF_TYPES.has(type)) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        unknownFields(item, array[1]!, [...path, i], errors);
      });
    }
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value === "object" && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) {
        unknownFields(item, map[1]!, [...path, key], errors);
      }
    }
    return;
  }
  // A model class. A value of the wrong shape is the validator's to report.
  if (typeof value !== "object" || Array.isArray(value)) return;
  const fields = fieldsOf(type);
  const byName = new Map(fields.map((field) => [field.baseName, field.type]));
  for (const [key, item] of Object.entries(value)) {
    const fieldType = byName.get(key);
    if (fieldType === undefined) {
      errors.push(unknownFieldMessage([...path, key], type, [...byName.keys()]));
    } else {
      unknownFields(item, fieldType, [...path, key], errors);
    }
  }
}

/**
 * Validates one Kubernetes object (as it would be sent to the API server) against the Kubernetes
 * 1.34 OpenAPI schema, offline and strictly: wrong types, values outside an enum, missing
 * required fields and unknown or misspelt fields are all errors. Dispatches on `apiVersion` and
 * `kind`; see `supportedKubernetesKinds`.
 *
 * @returns one line per problem, `<path>: <problem>` (for example
 *   `spec.template.spec.containers[0].commmand: unknown field "commmand" (…)`); empty when valid.
 */
export function kubernetesSchemaErrors(object: unknown): string[] {
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    return ["(document): not a Kubernetes object (expected a mapping with apiVersion and kind)"];
  }
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  const key = `${String(apiVersion)} ${String(kind)}`;
  const entry = KINDS.get(key);
  if (entry === undefined) {
    return [
      `(document): unsupported apiVersion/kind "${key}" (supported: ${supportedKubernetesKinds.join(", ")})`,
    ];
  }
  const errors = modelErrors(entry.model, object);
  unknownFields(object, entry.fields, [], errors);
  return [...new Set(errors)];
}
