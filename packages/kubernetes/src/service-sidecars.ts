import { type Diagnostic, errorDiagnostic, formatPath, type Job } from "@pipecraft/core";
import type { V1Container, V1EnvVar, V1SecurityContext } from "@pipecraft/core/kubernetes-types";
import { expandVariables } from "./expand-variables.js";
import { imagePullPolicy } from "./image-pull-policy.js";
import { kubernetesLiteral } from "./kubernetes-env-value.js";
import { dnsLabel } from "./object-name.js";
import { plainValue } from "./plain-value.js";

/** A job's services as containers of its Pod, and the host names they answer to. */
export type Sidecars = {
  containers: V1Container[];
  /** Names that resolve to localhost in the Pod: the aliases. */
  hostnames: string[];
  diagnostics: Diagnostic[];
};

/** The name GitLab gives a service without `alias`: the image path without tag, `/` → `-`. */
export function defaultServiceAlias(image: string): string {
  const withoutDigest = image.split("@")[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  return (colon === -1 ? withoutDigest : withoutDigest.slice(0, colon)).replaceAll("/", "-");
}

/**
 * `services` as native sidecars: init containers with `restartPolicy: Always`, started before
 * the job's container and stopped after it. They share the Pod's network, so a service listens on
 * localhost; its alias is mapped to 127.0.0.1 (hostAliases) so `postgres:5432` works as on GitLab.
 */
export function serviceSidecars(
  services: Job["services"],
  variables: ReadonlyMap<string, string>,
  env: readonly V1EnvVar[],
  securityContext: V1SecurityContext | undefined,
  path: readonly (string | number)[],
  reservedNames: readonly string[],
): Sidecars {
  const result: Sidecars = { containers: [], hostnames: [], diagnostics: [] };
  const byName = new Map<string, number>();
  (plainValue(services) ?? []).forEach((written, index) => {
    const service = plainValue(written);
    if (service === undefined) return;
    const asWritten = typeof service === "string" ? { name: service } : service;
    const spec = { ...asWritten, name: expandVariables(asWritten.name, variables) };
    const alias = spec.alias ?? defaultServiceAlias(spec.name);
    const name = dnsLabel(alias).slice(0, 63).replace(/-+$/, "");
    const clash = byName.get(name);
    if (name === "" || reservedNames.includes(name) || clash !== undefined) {
      const invalid = name === "" || reservedNames.includes(name);
      result.diagnostics.push(
        errorDiagnostic(
          invalid ? "kubernetes/invalid-service-alias" : "kubernetes/service-alias-collision",
          formatPath([...path, index]),
          invalid
            ? `the service alias "${alias}" cannot name a container; set another alias`
            : `the service alias "${alias}" gives the same container name "${name}" as services[${clash}]; set distinct aliases`,
        ),
      );
      return;
    }
    byName.set(name, index);
    const container: V1Container = {
      name,
      image: spec.name,
      restartPolicy: "Always",
      ...(securityContext === undefined ? {} : { securityContext }),
    };
    if ("pull_policy" in spec) {
      const pull = imagePullPolicy(spec.pull_policy);
      if (pull !== undefined) container.imagePullPolicy = pull;
    }
    if ("entrypoint" in spec && spec.entrypoint !== undefined)
      container.command = spec.entrypoint.map(kubernetesLiteral);
    const command = "command" in spec ? plainValue(spec.command) : undefined;
    if (command !== undefined)
      container.args = [command]
        .flat()
        .filter((c) => typeof c === "string")
        .map(kubernetesLiteral);
    const own = "variables" in spec ? plainValue(spec.variables) : undefined;
    const ownEnv = Object.entries(own ?? {}).flatMap(([key, value]): V1EnvVar[] =>
      typeof value === "object" ? [] : [{ name: key, value: kubernetesLiteral(String(value)) }],
    );
    const ownNames = new Set(ownEnv.map((variable) => variable.name));
    container.env = [...env.filter((variable) => !ownNames.has(variable.name)), ...ownEnv];
    result.containers.push(container);
    result.hostnames.push(...hostnamesOf(alias));
  });
  return result;
}

// hostAliases accept DNS names only; GitLab's `__` alias form does not qualify.
function hostnamesOf(alias: string): string[] {
  return /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(alias) ? [alias.toLowerCase()] : [];
}
