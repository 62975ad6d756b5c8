// `pipecraft apply`: server-side apply of synthesized objects with field manager `pipecraft`, as
// `kubectl apply --server-side` does it, plus what kubectl adds around it: a server dry run, the
// live and intended objects for a diff, pruning through an ApplySet, and the fix for a Job whose
// (immutable) template changed: `--replace` deletes and recreates it.
//
// The requests are plain JSON (jsonClient), not client-node's typed API clients: applying a
// pipeline is hundreds of small requests, and their (de)serialization was most of the CPU.
import {
  ApiException,
  type KubeConfig,
  type KubernetesObject,
  loadAllYaml,
} from "@kubernetes/client-node";
import { apiCall, ClusterError, statusOf } from "../cluster/api-call.js";
import { type JsonClient, jsonClient } from "../cluster/json-request.js";
import { mapLimit } from "../cluster/map-limit.js";
import {
  APPLYSET_GROUP_KINDS_ANNOTATION,
  APPLYSET_ID_LABEL,
  APPLYSET_PART_OF_LABEL,
  APPLYSET_TOOLING_ANNOTATION,
  applySetId,
  groupKind,
} from "./applyset.js";
import { type ObjectPaths, objectPaths } from "./object-paths.js";

/** The field manager of every apply. */
export const FIELD_MANAGER = "pipecraft";

/** What `applyObjects` is to do. */
export type ApplyOptions = {
  readonly kubeConfig: KubeConfig;
  readonly objects: readonly KubernetesObject[];
  /** For objects that name none. */
  readonly namespace: string;
  /** Take over fields another manager owns (`--force-conflicts`). */
  readonly force?: boolean;
  /** Ask the API server what would happen; change nothing (`--dry-run=server`). */
  readonly dryRun?: boolean;
  /** Delete and recreate an object whose immutable fields change (`--replace`). */
  readonly replace?: boolean;
  /** Make the objects an ApplySet under this parent Secret; delete members no longer applied. */
  readonly prune?: { readonly parent: string; readonly tooling: string };
  /** Wait until deleted objects (replaced, pruned) are gone. */
  readonly wait?: boolean;
};

/** What happened to one object. */
export type AppliedObject = {
  /** `job.batch/ci-build`, as kubectl names it. */
  readonly ref: string;
  readonly namespace: string;
  readonly action: "created" | "configured" | "unchanged" | "replaced" | "pruned";
  /** The object before, if it existed (without managedFields). */
  readonly live?: KubernetesObject;
  /** The object after the (possibly dry-run) apply. */
  readonly applied?: KubernetesObject;
};

/** The objects of a multi-document manifest (what synth writes), empty documents left out. */
export function manifestObjects(text: string): KubernetesObject[] {
  return (loadAllYaml(text) as unknown[]).filter(
    (object): object is KubernetesObject => typeof object === "object" && object !== null,
  );
}

/** How many objects are applied at once. */
const APPLY_CONCURRENCY = 8;

/** From this many objects of one kind in one namespace, they are listed rather than read one by one. */
const LIST_FROM = 8;

/** Objects per page of such a list. */
const LIST_PAGE = 500;

/** The API version of each group-kind that an ApplySet pipecraft wrote may hold, for the prune. */
const KNOWN_API_VERSIONS: Readonly<Record<string, string>> = {
  "Job.batch": "batch/v1",
  Pod: "v1",
  ConfigMap: "v1",
  Secret: "v1",
  PersistentVolumeClaim: "v1",
  Service: "v1",
};

/**
 * Applies `objects` in order; returns what happened to each (and to each pruned member). A
 * conflict, an immutable field or a refused request is a ClusterError with the fix.
 */
export async function applyObjects(options: ApplyOptions): Promise<AppliedObject[]> {
  const client = jsonClient(options.kubeConfig);
  const api: Api = { client, paths: objectPaths(client) };
  const dryRun = options.dryRun ? "All" : undefined;
  const report: AppliedObject[] = [];
  let partOf: Record<string, string> = {};
  let previousKinds: string[] = [];
  const kinds = [...new Set(options.objects.map(groupKind))].sort();
  const parent = options.prune === undefined ? undefined : parentSecret(options, kinds);
  if (parent !== undefined) {
    const live = await read(api, parent.object);
    previousKinds = (live?.metadata?.annotations?.[APPLYSET_GROUP_KINDS_ANNOTATION] ?? "")
      .split(",")
      .filter((kind) => kind !== "");
    // The parent lists old and new kinds until the prune is done, as kubectl does.
    await applyOne(
      api,
      withKinds(parent.object, [...new Set([...previousKinds, ...kinds])].sort()),
      options,
      dryRun,
    );
    partOf = { [APPLYSET_PART_OF_LABEL]: parent.id };
  }
  const members = options.objects.map((input) => withDefaults(input, options.namespace, partOf));
  const applied = new Set(members.map(key));
  // A diff shows each live object as read; otherwise many objects of a kind are listed at once.
  const known = dryRun === undefined ? await listLive(api, members) : new Map();
  // Several requests in flight (the rate limit still holds): the report keeps the input order.
  const results = await mapLimit(members, APPLY_CONCURRENCY, (member) =>
    applyOrReplace(api, member, options, dryRun, known),
  );
  report.push(...results);
  if (parent !== undefined) {
    for (const kind of [...new Set([...previousKinds, ...kinds])].sort()) {
      const apiVersion = KNOWN_API_VERSIONS[kind];
      if (apiVersion === undefined) continue;
      const listed = await list(
        api,
        { apiVersion, kind: kind.split(".")[0] ?? kind },
        options.namespace,
        { labelSelector: `${APPLYSET_PART_OF_LABEL}=${parent.id}` },
      );
      for (const member of listed.items) {
        const object = { ...member, apiVersion, kind: kind.split(".")[0] ?? kind };
        if (applied.has(key(object))) continue;
        await remove(api, object, options, dryRun);
        report.push({
          ref: ref(object),
          namespace: options.namespace,
          action: "pruned",
          live: clean(object),
        });
      }
    }
    await applyOne(api, parent.object, options, dryRun);
  }
  return report;
}

function parentSecret(options: ApplyOptions, kinds: string[]) {
  const name = options.prune?.parent ?? "";
  const id = applySetId({ name, namespace: options.namespace, kind: "Secret", group: "" });
  const object: KubernetesObject = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name,
      namespace: options.namespace,
      labels: { [APPLYSET_ID_LABEL]: id },
      annotations: {
        [APPLYSET_TOOLING_ANNOTATION]: options.prune?.tooling ?? "pipecraft/v0",
        [APPLYSET_GROUP_KINDS_ANNOTATION]: kinds.join(","),
      },
    },
  };
  return { id, object };
}

function withKinds(parent: KubernetesObject, kinds: string[]): KubernetesObject {
  return {
    ...parent,
    metadata: {
      ...parent.metadata,
      annotations: {
        ...parent.metadata?.annotations,
        [APPLYSET_GROUP_KINDS_ANNOTATION]: kinds.join(","),
      },
    },
  };
}

/** How apply reaches the API server: JSON requests, and where each object lives. */
type Api = { readonly client: JsonClient; readonly paths: ObjectPaths };

/** A page of a list: the objects (without apiVersion and kind) and where the next page starts. */
type ObjectList = { items: KubernetesObject[]; metadata?: { continue?: string } };

async function list(
  api: Api,
  type: { apiVersion: string; kind: string },
  namespace: string,
  query: Readonly<Record<string, string | number | undefined>>,
): Promise<ObjectList> {
  const answer = await apiCall(request("list", groupKind(type), namespace), async () =>
    api.client({ method: "GET", path: await api.paths(type, namespace), query }),
  );
  return answer as ObjectList;
}

async function applyOrReplace(
  api: Api,
  object: KubernetesObject,
  options: ApplyOptions,
  dryRun: string | undefined,
  known: LiveObjects,
): Promise<AppliedObject> {
  const namespace = object.metadata?.namespace ?? options.namespace;
  const live = known.has(key(object)) ? known.get(key(object)) : await read(api, object);
  try {
    const applied = await applyOne(api, object, options, dryRun);
    // A write bumps the resourceVersion (a dry run's does not: there, compare the objects).
    const unchanged =
      live !== undefined &&
      ((dryRun === undefined &&
        live.metadata?.resourceVersion === applied.metadata?.resourceVersion) ||
        sameObject(live, applied));
    return {
      ref: ref(object),
      namespace,
      action: live === undefined ? "created" : unchanged ? "unchanged" : "configured",
      ...(live === undefined ? {} : { live: clean(live) }),
      applied: clean(applied),
    };
  } catch (error) {
    if (!isImmutable(error)) throw error;
    if (!options.replace) {
      throw new ClusterError(
        `${ref(object)} in namespace "${namespace}": ${immutableField(error)} is immutable and the pipeline changes it; rerun with --replace to delete and recreate it (its Pods and their logs go with it)`,
      );
    }
    await remove(api, object, { ...options, wait: options.wait || !options.dryRun }, dryRun);
    const applied = options.dryRun ? object : await applyOne(api, object, options, dryRun);
    return {
      ref: ref(object),
      namespace,
      action: "replaced",
      ...(live === undefined ? {} : { live: clean(live) }),
      applied: clean(applied),
    };
  }
}

async function applyOne(
  api: Api,
  object: KubernetesObject,
  options: ApplyOptions,
  dryRun: string | undefined,
): Promise<KubernetesObject> {
  const namespace = object.metadata?.namespace ?? options.namespace;
  try {
    const applied = await apiCall(request("patch", groupKind(object), namespace), async () =>
      api.client({
        method: "PATCH",
        path: await api.paths(object, namespace, object.metadata?.name ?? ""),
        query: {
          fieldManager: FIELD_MANAGER,
          force: options.force === true ? true : undefined,
          dryRun,
        },
        // Server-side apply takes YAML, and JSON is YAML.
        contentType: "application/apply-patch+yaml",
        body: object,
      }),
    );
    return applied as KubernetesObject;
  } catch (error) {
    if (error instanceof ApiException && error.code === 409) {
      throw new ClusterError(
        `${ref(object)} in namespace "${namespace}": ${conflictText(error)}; rerun with --force-conflicts to take these fields over for pipecraft`,
      );
    }
    throw error;
  }
}

/** Live objects by key(); a key mapped to undefined is known not to exist. */
type LiveObjects = Map<string, KubernetesObject | undefined>;

/**
 * The live state of `members` in one list request per kind and namespace (a page per
 * LIST_PAGE objects) instead of a read each, for kinds with LIST_FROM members or more. A
 * namespace holding many more objects of the kind than are applied is not listed to the end:
 * members not seen by then are read one by one, as are those of a kind that may not be listed.
 */
async function listLive(api: Api, members: readonly KubernetesObject[]): Promise<LiveObjects> {
  const known: LiveObjects = new Map();
  const groups = new Map<string, KubernetesObject[]>();
  for (const member of members) {
    const group = `${member.apiVersion}|${member.kind}|${member.metadata?.namespace ?? ""}`;
    groups.set(group, [...(groups.get(group) ?? []), member]);
  }
  for (const group of groups.values()) {
    const first = group[0];
    if (first === undefined || group.length < LIST_FROM) continue;
    const apiVersion = first.apiVersion ?? "v1";
    const kind = first.kind ?? "";
    const namespace = first.metadata?.namespace ?? "";
    const wanted = new Set(group.map(key));
    const found = new Map<string, KubernetesObject>();
    const maxPages = Math.ceil((4 * group.length) / LIST_PAGE) + 1;
    let next: string | undefined;
    let pages = 0;
    try {
      do {
        const page = await list(api, { apiVersion, kind }, namespace, {
          limit: LIST_PAGE,
          continue: next,
        });
        for (const item of page.items) {
          const object = { ...item, apiVersion, kind };
          if (wanted.has(key(object))) found.set(key(object), object);
        }
        next = page.metadata?.continue || undefined;
        pages++;
      } while (next !== undefined && pages < maxPages);
    } catch (error) {
      if (error instanceof ClusterError) continue;
      throw error;
    }
    for (const member of group) {
      if (found.has(key(member))) known.set(key(member), found.get(key(member)));
      else if (next === undefined) known.set(key(member), undefined);
    }
  }
  return known;
}

async function read(api: Api, object: KubernetesObject): Promise<KubernetesObject | undefined> {
  const namespace = object.metadata?.namespace ?? "";
  try {
    const live = await apiCall(request("get", groupKind(object), namespace), async () =>
      api.client({
        method: "GET",
        path: await api.paths(object, namespace, object.metadata?.name ?? ""),
      }),
    );
    return live as KubernetesObject;
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return undefined;
    throw error;
  }
}

async function remove(
  api: Api,
  object: KubernetesObject,
  options: ApplyOptions,
  dryRun: string | undefined,
): Promise<void> {
  const namespace = object.metadata?.namespace ?? options.namespace;
  try {
    await apiCall(request("delete", groupKind(object), namespace), async () =>
      api.client({
        method: "DELETE",
        path: await api.paths(object, namespace, object.metadata?.name ?? ""),
        query: { dryRun, propagationPolicy: "Foreground" },
      }),
    );
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return;
    throw error;
  }
  if (!options.wait || dryRun !== undefined) return;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
    if ((await read(api, { ...object, metadata: { ...object.metadata, namespace } })) === undefined)
      return;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function withDefaults(
  object: KubernetesObject,
  namespace: string,
  labels: Record<string, string>,
): KubernetesObject {
  return {
    ...object,
    metadata: {
      ...object.metadata,
      namespace: object.metadata?.namespace ?? namespace,
      labels: { ...object.metadata?.labels, ...labels },
    },
  };
}

/** Without what the server keeps for itself, for a diff. */
function clean(object: KubernetesObject): KubernetesObject {
  const { managedFields: _managed, ...metadata } = object.metadata ?? {};
  return { ...object, metadata };
}

// Equal but for what the server changes on its own (status, resourceVersion, managedFields):
// the apply changed nothing. Keys in any order (a listed object's come in another).
function sameObject(a: KubernetesObject, b: KubernetesObject): boolean {
  const comparable = (object: KubernetesObject) => {
    const { status: _status, ...rest } = object as KubernetesObject & { status?: unknown };
    const { resourceVersion: _v, managedFields: _m, ...metadata } = object.metadata ?? {};
    return sortedJson({ ...rest, metadata });
  };
  return comparable(a) === comparable(b);
}

// JSON with every object's keys sorted (undefined values left out, as JSON.stringify does).
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner === null || typeof inner !== "object" || Array.isArray(inner)
      ? inner
      : Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([x], [y]) =>
            x < y ? -1 : x > y ? 1 : 0,
          ),
        ),
  );
}

function key(object: KubernetesObject): string {
  return `${groupKind(object)}/${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
}

/** `job.batch/ci-build`, `pod/x`. */
function ref(object: KubernetesObject): string {
  return `${groupKind(object).toLowerCase()}/${object.metadata?.name ?? ""}`;
}

function request(verb: string, kind: string, namespace: string) {
  const [name = "", group = ""] = kind.split(/\.(.*)/s);
  return { verb, resource: `${name.toLowerCase()}s`, group, namespace };
}

function isImmutable(error: unknown): error is ApiException<unknown> {
  return (
    error instanceof ApiException &&
    error.code === 422 &&
    (statusOf(error).message ?? "").includes("field is immutable")
  );
}

// "Job.batch "x" is invalid: spec.template: Invalid value: …: field is immutable" → spec.template
function immutableField(error: ApiException<unknown>): string {
  const message = statusOf(error).message ?? "";
  const match = /is invalid: ([\w.[\]-]+): Invalid value/.exec(message);
  return match?.[1] ?? "a field";
}

// "Apply failed with 1 conflict: conflict with "kubectl" using batch/v1: .spec.parallelism"
function conflictText(error: ApiException<unknown>): string {
  const message = statusOf(error).message ?? "conflict";
  return message.replace(/\.$/, "");
}
