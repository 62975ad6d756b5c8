// Shared by the runtime's cluster tests: plan and run a pipeline in a namespace, with the
// workspace volume the harness cannot provision (it has no StorageClass) made up front.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CoreV1Api, type KubeConfig, type V1PersistentVolumeClaim } from "@kubernetes/client-node";
import { type PipelineInput, validatePipeline } from "pipecraft";
import {
  type PlannedRun,
  planRun,
  type RunEvent,
  type RunResult,
  runPipeline,
} from "pipecraft/runtime";

/** Pod annotations kwok obeys: fail with `exit`, stay Running for `seconds`. */
export function kwok(options: { exit?: number; seconds?: number }) {
  return {
    annotations: {
      ...(options.exit === undefined
        ? {}
        : { "pipecraft.dev/fail-exit-code": String(options.exit) }),
      ...(options.seconds === undefined
        ? {}
        : { "pipecraft.dev/run-duration": `${options.seconds}s` }),
    },
  };
}

/** A run id unique to this test process: letters and digits, short. */
export function uniqueRunId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`
    .slice(0, 20)
    .replace(/-+$/, "");
}

/** The validated model of `input` (throws on errors). */
export function model(input: PipelineInput) {
  const { pipeline, diagnostics } = validatePipeline({
    kind: "pipecraft.pipeline",
    input,
    options: {},
  });
  if (pipeline === undefined) throw new Error(JSON.stringify(diagnostics));
  return pipeline;
}

/** Creates a PersistentVolume bound in advance to the run's claim; returns its name. */
export async function provideVolume(
  kc: KubeConfig,
  namespace: string,
  claim: V1PersistentVolumeClaim,
): Promise<string> {
  const name = `${namespace}-${claim.metadata?.name}`.slice(0, 253);
  await kc.makeApiClient(CoreV1Api).createPersistentVolume({
    body: {
      metadata: { name, labels: { "pipecraft.dev/test": "runtime" } },
      spec: {
        capacity: { storage: claim.spec?.resources?.requests?.storage ?? "1Gi" },
        accessModes: claim.spec?.accessModes,
        hostPath: { path: `/tmp/${name}` },
        claimRef: { namespace, name: claim.metadata?.name },
        storageClassName: "",
      },
    },
  });
  return name;
}

export type CaseRun = {
  planned: PlannedRun;
  result: RunResult;
  events: RunEvent[];
  /** Jobs in the order they were released. */
  started: string[];
  /** Jobs in the order they finished (success or failed). */
  finished: string[];
  logDirectory: string;
};

/** Plans `input` with `runId` in `namespace`, provides its volume, runs it to the end. */
export async function runCase(
  kc: KubeConfig,
  namespace: string,
  input: PipelineInput,
  options: {
    runId: string;
    name?: string;
    play?: string[];
    variables?: Record<string, string>;
    signal?: AbortSignal;
    onEvent?: (event: RunEvent) => void;
    volumes: string[];
    /** Follow the jobs' logs live (`log` events). */
    followLogs?: { services: boolean };
    /** Who provides the volume (a cluster-scoped object), when `kc` may not: default `kc`. */
    admin?: KubeConfig;
  },
): Promise<CaseRun> {
  const planned = planRun(model(input), {
    name: options.name ?? "ci",
    namespace,
    runId: options.runId,
    play: options.play ?? [],
    variables: options.variables ?? {},
  });
  if (planned.plan === undefined || planned.objects === undefined) {
    throw new Error([...planned.problems, ...planned.unknownManual].join("\n"));
  }
  options.volumes.push(
    await provideVolume(options.admin ?? kc, namespace, planned.objects.workspace),
  );
  const events: RunEvent[] = [];
  const logDirectory = mkdtempSync(join(tmpdir(), "pipecraft-run-logs-"));
  const result = await runPipeline({
    kubeConfig: kc,
    plan: planned.plan,
    objects: planned.objects,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
    logDirectory,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.followLogs === undefined ? {} : { followLogs: options.followLogs }),
  });
  const jobEvents = events.flatMap((e) => (e.type === "job" ? [e] : []));
  return {
    planned,
    result,
    events,
    started: jobEvents.filter((e) => e.status === "pending").map((e) => e.job),
    finished: jobEvents
      .filter((e) => e.status === "success" || e.status === "failed")
      .map((e) => e.job),
    logDirectory,
  };
}
