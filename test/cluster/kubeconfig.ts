// Where tests find the cluster: the one the cluster globalSetup started, or an existing cluster the
// user chose with PIPECRAFT_CLUSTER=existing (then KUBECONFIG, or ~/.kube/config, is used).
//
//   import { testKubeConfig } from "../cluster/kubeconfig.js";
//   const kc = testKubeConfig();            // a KubeConfig with system:masters-like rights
//   const batch = kc.makeApiClient(BatchV1Api);
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";

/** Set by the globalSetup (test/cluster/global-setup.ts) for every test process. */
export const TEST_KUBECONFIG_ENV = "PIPECRAFT_TEST_KUBECONFIG";
/** "local" (the harness started it: kwok stages, fake logs) or "existing". */
export const TEST_CLUSTER_ENV = "PIPECRAFT_TEST_CLUSTER";

export type ClusterKind = "local" | "existing";

/** True when the user asked for an existing cluster instead of the built-in one. */
export function wantsExistingCluster(): boolean {
  return process.env.PIPECRAFT_CLUSTER === "existing";
}

/** The kubeconfig path of an existing cluster: first file of $KUBECONFIG, else ~/.kube/config. */
export function existingKubeconfigPath(): string {
  const fromEnv = (process.env.KUBECONFIG ?? "").split(delimiter).find((p) => p.length > 0);
  const path = fromEnv ?? join(homedir(), ".kube", "config");
  if (!existsSync(path)) {
    throw new Error(
      `PIPECRAFT_CLUSTER=existing but no kubeconfig at ${path} (set KUBECONFIG to the cluster's kubeconfig)`,
    );
  }
  return path;
}

/** Path of the kubeconfig the cluster tests use. */
export function testKubeconfigPath(): string {
  const set = process.env[TEST_KUBECONFIG_ENV];
  if (set) return set;
  if (wantsExistingCluster()) return existingKubeconfigPath();
  throw new Error(
    `${TEST_KUBECONFIG_ENV} is not set: run cluster tests with \`pnpm test:cluster\` ` +
      "(its globalSetup starts the local control plane), or set PIPECRAFT_CLUSTER=existing and KUBECONFIG",
  );
}

/** Which kind of cluster the tests run against. */
export function testClusterKind(): ClusterKind {
  const v = process.env[TEST_CLUSTER_ENV];
  if (v === "local" || v === "existing") return v;
  return wantsExistingCluster() ? "existing" : "local";
}

/** A KubeConfig for the running test cluster (a fresh object each call). */
export function testKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(testKubeconfigPath());
  return kc;
}
