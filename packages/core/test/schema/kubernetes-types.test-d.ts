// Type tests (checked by `pnpm typecheck`, never run): every Kubernetes type pipecraft declares
// (src/schema/kubernetes-types.ts, so that users need not install @kubernetes/client-node) has
// the same keys as client-node's model class of that name and is assignable to it both ways.
// A client-node upgrade that adds, removes or retypes a field fails here: regenerate with
// scripts/generate-kubernetes-types.ts.
import type * as clientNode from "@kubernetes/client-node";
import type { KubernetesTypes } from "../../src/schema/kubernetes-types.js";

type ClientNodeModel<N extends keyof KubernetesTypes> = InstanceType<(typeof clientNode)[N]>;

/** `status` is written by the cluster: our emitted objects leave it out on purpose. */
type LeftOut<N> = N extends "V1Job" | "V1Pod" | "V1PersistentVolumeClaim" ? "status" : never;

type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SameKeys<A, B, Ignored> = [
  Exclude<keyof A, keyof B> | Exclude<Exclude<keyof B, keyof A>, Ignored>,
] extends [never]
  ? true
  : false;

/** For each type name, `true` when ours and client-node's agree; else the name shows the drift. */
type Drift = {
  [N in keyof KubernetesTypes]: MutuallyAssignable<
    KubernetesTypes[N],
    ClientNodeModel<N>
  > extends true
    ? SameKeys<KubernetesTypes[N], ClientNodeModel<N>, LeftOut<N>> extends true
      ? never
      : `${N}: keys differ`
    : `${N}: not mutually assignable`;
}[keyof KubernetesTypes];

export const noDrift: [Drift] extends [never] ? true : Drift = true;

// The checks bite: a declaration with a misspelt or missing field is reported.
type Misspelt = { key?: string; operatr?: string; effect?: string; value?: string };
export const misspeltIsCaught: SameKeys<Misspelt, clientNode.V1Toleration, never> = false;
export const narrowedIsCaught: MutuallyAssignable<
  { name: string; mountPath: number },
  clientNode.V1VolumeMount
> = false;

// KubernetesObject is an interface of client-node's, not a model class: checked on its own.
export const kubernetesObjectAgrees: MutuallyAssignable<
  import("../../src/schema/kubernetes-types.js").KubernetesObject,
  clientNode.KubernetesObject
> = true;
