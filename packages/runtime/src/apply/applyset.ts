// kubectl's ApplySet (KEP-3659), so that `kubectl apply --prune --applyset` and pipecraft agree on
// which objects belong to a set: a parent object (here a Secret) carries the set's id label, the
// tooling, and the group-kinds it contains; every member carries the part-of label.
import { createHash } from "node:crypto";

/** On the parent: the set's id. */
export const APPLYSET_ID_LABEL = "applyset.kubernetes.io/id";
/** On every member: the id of the set it belongs to. */
export const APPLYSET_PART_OF_LABEL = "applyset.kubernetes.io/part-of";
/** On the parent: `<tool>/<version>` that manages the set. */
export const APPLYSET_TOOLING_ANNOTATION = "applyset.kubernetes.io/tooling";
/** On the parent: the members' group-kinds, `Kind.group` (`Kind` for the core group), sorted. */
export const APPLYSET_GROUP_KINDS_ANNOTATION = "applyset.kubernetes.io/contains-group-kinds";

/**
 * The set's id, as kubectl computes it from its parent: `applyset-` + unpadded base64url of the
 * SHA-256 of `<name>.<namespace>.<kind>.<group>` + `-v1`.
 */
export function applySetId(parent: {
  name: string;
  namespace: string;
  kind: string;
  group: string;
}): string {
  const key = `${parent.name}.${parent.namespace}.${parent.kind}.${parent.group}`;
  return `applyset-${createHash("sha256").update(key).digest("base64url")}-v1`;
}

/** `Job.batch`, `Pod`: an object's group-kind as the annotation lists it. */
export function groupKind(object: { apiVersion?: string; kind?: string }): string {
  const apiVersion = object.apiVersion ?? "v1";
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  return group === "" ? (object.kind ?? "") : `${object.kind}.${group}`;
}
