// Synthesized pipelines really run on the real node (kubelet, containerd, runc): the script runs in
// the job's image, its log is what it printed, exit codes are real, after_script runs after a
// failure, and a service sidecar answers under its alias.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyPipeline,
  baselineNamespace,
  core,
  exitCodes,
  finished,
  jobLogs,
  NODE_IMAGES,
  outcome,
} from "./node-support.js";

let ns: { name: string; remove: () => Promise<void> };
beforeAll(async () => {
  ns = await baselineNamespace("run");
});
afterAll(async () => {
  await ns?.remove();
});

describe("a pipeline on the real node", () => {
  it("runs the scripts: logs are what they printed, exit codes are real, after_script runs", async () => {
    await applyPipeline(ns.name, "p", {
      default: { image: NODE_IMAGES.debian },
      jobs: {
        hello: {
          needs: [],
          script: ['echo "hello from $CI_JOB_NAME"', "git --version | cut -d' ' -f1,2"],
        },
        broken: {
          needs: [],
          script: ["echo before the failure", "exit 3", "echo never printed"],
          after_script: ["echo after_script ran"],
        },
      },
    });
    const [hello, broken] = await Promise.all([
      finished(ns.name, "p-hello"),
      finished(ns.name, "p-broken"),
    ]);
    expect(outcome(hello)).toMatchObject({ type: "Complete", succeeded: 1 });
    expect(await jobLogs(ns.name, "p-hello")).toEqual([
      [
        '$ echo "hello from $CI_JOB_NAME"',
        "hello from hello",
        "$ git --version | cut -d' ' -f1,2",
        "git version",
        "",
      ].join("\n"),
    ]);
    expect(outcome(broken)).toMatchObject({ type: "Failed", failed: 1 });
    expect(await exitCodes(ns.name, "p-broken")).toEqual([3]);
    expect(await jobLogs(ns.name, "p-broken")).toEqual([
      [
        "$ echo before the failure",
        "before the failure",
        "$ exit 3",
        "Running after_script",
        "$ echo after_script ran",
        "after_script ran",
        "ERROR: Job failed: exit code 3",
        "",
      ].join("\n"),
    ]);
  });
});

describe("keywords that only a real node can prove", () => {
  it("services, parallel, matrix, retry.exit_codes, timeout and secrets", async () => {
    const secret = "s3cr3t-only-in-the-Secret";
    await core.createNamespacedSecret({
      namespace: ns.name,
      body: { metadata: { name: "api" }, stringData: { token: secret } },
    });
    const jobs = await applyPipeline(ns.name, "k", {
      default: { image: NODE_IMAGES.debian },
      jobs: {
        web: {
          needs: [],
          services: [
            {
              name: NODE_IMAGES.busybox,
              alias: "web",
              entrypoint: ["/bin/sh", "-c"],
              command: [
                "mkdir -p /tmp/www && echo served by the sidecar > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www",
              ],
            },
          ],
          script: [
            "for i in 1 2 3 4 5 6 7 8 9 10; do busybox wget -qO- http://web:8080/ && break; sleep 1; done",
          ],
        },
        shard: {
          needs: [],
          parallel: 2,
          script: ['echo "shard $CI_NODE_INDEX of $CI_NODE_TOTAL"'],
        },
        matrix: {
          needs: [],
          parallel: { matrix: [{ OS: ["a", "b"] }] },
          script: ['echo "os=$OS"'],
        },
        oom: { needs: [], retry: { max: 2, exit_codes: [137] }, script: ["exit 137"] },
        bug: { needs: [], retry: { max: 2, exit_codes: [137] }, script: ["exit 42"] },
        slow: { needs: [], timeout: "10s", script: ["sleep 300"] },
        token: {
          needs: [],
          kubernetes: { secrets: { API_TOKEN: { name: "api", key: "token" } } },
          // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
          script: ['echo "the token arrived: ${#API_TOKEN} characters"'],
        },
      },
    });
    expect(JSON.stringify(jobs).includes(secret)).toBe(false);
    const done = Object.fromEntries(
      await Promise.all(
        ["web", "shard", "matrix-a", "matrix-b", "oom", "bug", "slow", "token"].map(
          async (j) => [j, await finished(ns.name, `k-${j}`)] as const,
        ),
      ),
    );

    expect(outcome(done.web!).type).toBe("Complete");
    expect((await jobLogs(ns.name, "k-web"))[0]).toContain("\nserved by the sidecar\n");

    expect(outcome(done.shard!)).toMatchObject({ type: "Complete", succeeded: 2 });
    const shards = (await jobLogs(ns.name, "k-shard")).map((l) => l.split("\n")[1]).sort();
    expect(shards).toEqual(["shard 1 of 2", "shard 2 of 2"]);

    expect((await jobLogs(ns.name, "k-matrix-a"))[0]).toContain("\nos=a\n");
    expect((await jobLogs(ns.name, "k-matrix-b"))[0]).toContain("\nos=b\n");

    // 137 is listed: tried 1 + max times; 42 is not: failed at once by the podFailurePolicy.
    expect(outcome(done.oom!)).toMatchObject({ type: "Failed", failed: 3 });
    expect(await exitCodes(ns.name, "k-oom")).toEqual([137, 137, 137]);
    expect(outcome(done.bug!)).toMatchObject({
      type: "Failed",
      reason: "PodFailurePolicy",
      failed: 1,
    });
    expect(await exitCodes(ns.name, "k-bug")).toEqual([42]);

    expect(outcome(done.slow!)).toMatchObject({ type: "Failed", reason: "DeadlineExceeded" });

    expect(outcome(done.token!).type).toBe("Complete");
    const tokenLog = (await jobLogs(ns.name, "k-token"))[0]!;
    expect(tokenLog).toContain(`\nthe token arrived: ${secret.length} characters\n`);
    expect(tokenLog.includes(secret)).toBe(false);
  });
});
