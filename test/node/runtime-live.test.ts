// The runtime's live side on the real node: a job's log lines arrive while its container runs
// (kwok's canned logs cannot show that), and canceling a run stops a container that is running
// (the Pod object goes away only once the kubelet has stopped it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PipelineInput, validatePipeline } from "pipecraft";
import { planRun, type RunEvent, runPipeline } from "pipecraft/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../cluster/helpers.js";
import { baselineNamespace, core, kc, NODE_IMAGES } from "./node-support.js";

let ns: { name: string; remove: () => Promise<void> };
const logDirectory = mkdtempSync(join(tmpdir(), "pipecraft-node-live-"));
beforeAll(async () => {
  ns = await baselineNamespace("live");
});
afterAll(async () => {
  await ns?.remove();
  rmSync(logDirectory, { recursive: true, force: true });
});

/** Plans `input` as run `runId` of pipeline "live" in the test namespace. */
function planned(input: PipelineInput, runId: string) {
  const { pipeline, diagnostics } = validatePipeline({
    kind: "pipecraft.pipeline",
    input,
    options: {},
  });
  if (pipeline === undefined) throw new Error(JSON.stringify(diagnostics));
  const run = planRun(pipeline, {
    name: "live",
    namespace: ns.name,
    runId,
    play: [],
    variables: {},
  });
  if (run.plan === undefined || run.objects === undefined) throw new Error(run.problems.join("\n"));
  return { plan: run.plan, objects: run.objects };
}

/** An event as it arrived, with the client's clock. */
type Arrival = { at: number; event: RunEvent };

describe("the runtime's live side on the real node", () => {
  it("streams a running job's lines as they are printed, each once", async () => {
    const { plan, objects } = planned(
      {
        stages: ["test"],
        default: { image: NODE_IMAGES.debian },
        jobs: { slow: { stage: "test", script: ["echo one", "sleep 20", "echo two"] } },
      },
      "l1",
    );
    const arrivals: Arrival[] = [];
    const result = await runPipeline({
      kubeConfig: kc,
      plan,
      objects,
      logDirectory,
      followLogs: { services: false },
      onEvent: (event) => arrivals.push({ at: Date.now(), event }),
    });
    expect(result.status).toBe("success");
    const lines = arrivals.flatMap(({ event }) => (event.type === "log" ? [event.line] : []));
    expect(lines).toEqual(["$ echo one", "one", "$ sleep 20", "$ echo two", "two"]);
    const arrivedAt = (line: string) =>
      arrivals.find(({ event }) => event.type === "log" && event.line === line)?.at ?? Number.NaN;
    // Read after the end, both lines would come together; streamed, "one" comes while the
    // container still sleeps. Half the sleep leaves room for a slow machine.
    expect(arrivedAt("two") - arrivedAt("one")).toBeGreaterThan(10_000);
    const ended = arrivals.findIndex(
      ({ event }) => event.type === "job" && event.job === "slow" && event.status === "success",
    );
    const firstLine = arrivals.findIndex(({ event }) => event.type === "log");
    expect(firstLine).toBeGreaterThanOrEqual(0);
    expect(firstLine).toBeLessThan(ended);
  });

  it("cancel stops a running container: the run ends canceled and the Pod is gone", async () => {
    const { plan, objects } = planned(
      {
        stages: ["test"],
        default: { image: NODE_IMAGES.debian },
        jobs: { forever: { stage: "test", script: ["echo started", "sleep 600"] } },
      },
      "c1",
    );
    const job = plan.jobs.find((planned) => planned.name === "forever");
    if (job === undefined) throw new Error("no planned job forever");
    const cancel = new AbortController();
    const result = await runPipeline({
      kubeConfig: kc,
      plan,
      objects,
      logDirectory,
      followLogs: { services: false },
      signal: cancel.signal,
      onEvent: (event) => {
        if (event.type === "log" && event.line === "started") cancel.abort();
      },
    });
    expect(result.status).toBe("canceled");
    expect(result.jobs.find((summary) => summary.job === "forever")?.status).toBe("canceled");
    // A Pod on a real node is removed from the API only after the kubelet stopped its containers.
    await waitFor(
      "the canceled job's Pod to be gone",
      async () => {
        const pods = await core.listNamespacedPod({
          namespace: ns.name,
          labelSelector: `job-name=${job.objectName}`,
        });
        return pods.items.length === 0 ? true : undefined;
      },
      { timeoutMs: 120_000 },
    );
  });
});
