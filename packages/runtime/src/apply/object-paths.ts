// Where an object lives in the API: `/apis/batch/v1/namespaces/ci/jobs/ci-build`. The kinds
// pipecraft writes are known; any other kind is looked up in its group version's discovery
// document (one request per group version), as kubectl and client-node do.
import { ApiException } from "@kubernetes/client-node";
import { ClusterError } from "../cluster/api-call.js";
import type { JsonClient } from "../cluster/json-request.js";

/** A kind's resource: its plural name and whether its objects live in a namespace. */
type Resource = { readonly plural: string; readonly namespaced: boolean };

/** The kinds the Kubernetes and Kaniko targets (and the ApplySet parent) write. */
const KNOWN: Readonly<Record<string, Resource>> = {
  "batch/v1 Job": { plural: "jobs", namespaced: true },
  "v1 Pod": { plural: "pods", namespaced: true },
  "v1 ConfigMap": { plural: "configmaps", namespaced: true },
  "v1 Secret": { plural: "secrets", namespaced: true },
  "v1 PersistentVolumeClaim": { plural: "persistentvolumeclaims", namespaced: true },
  "v1 Service": { plural: "services", namespaced: true },
};

/** The API path of a kind's collection in a namespace, or of one object when named. */
export type ObjectPaths = (
  object: { readonly apiVersion?: string; readonly kind?: string },
  namespace: string,
  name?: string,
) => Promise<string>;

/**
 * ObjectPaths that ask `client` for the discovery document of a group version it does not know.
 * A kind the API server does not serve is a ClusterError naming it.
 */
export function objectPaths(client: JsonClient): ObjectPaths {
  const discovered = new Map<string, Promise<Map<string, Resource>>>();
  const discover = (apiVersion: string) => {
    let resources = discovered.get(apiVersion);
    if (resources === undefined) {
      const answer = client({ method: "GET", path: groupVersionPath(apiVersion) }).catch(
        (error: unknown) => {
          // A group version the server does not know serves no kind.
          if (error instanceof ApiException && error.code === 404) return {};
          throw error;
        },
      );
      resources = answer.then((found) => {
        const list = (
          found as { resources?: { name: string; kind: string; namespaced: boolean }[] }
        ).resources;
        return new Map(
          (list ?? [])
            .filter((resource) => !resource.name.includes("/"))
            .map((resource) => [
              resource.kind,
              { plural: resource.name, namespaced: resource.namespaced },
            ]),
        );
      });
      // A failed lookup is not kept: the caller's retry asks again.
      resources.catch(() => discovered.delete(apiVersion));
      discovered.set(apiVersion, resources);
    }
    return resources;
  };
  return async (object, namespace, name) => {
    const apiVersion = object.apiVersion ?? "v1";
    const kind = object.kind ?? "";
    const resource = KNOWN[`${apiVersion} ${kind}`] ?? (await discover(apiVersion)).get(kind);
    if (resource === undefined) {
      throw new ClusterError(
        `the cluster does not serve kind ${kind} in ${apiVersion}: correct the apiVersion, or install the CustomResourceDefinition first`,
      );
    }
    const scope = resource.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : "";
    const one = name === undefined ? "" : `/${encodeURIComponent(name)}`;
    return `${groupVersionPath(apiVersion)}${scope}/${resource.plural}${one}`;
  };
}

function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}
