// `kubernetes: { podSecurity: "restricted" }` proven on the real node: in a namespace where the
// real kube-apiserver enforces the `restricted` Pod Security level, restricted Jobs (job container
// and service sidecar) are admitted and run; Jobs written with the default (`baseline`) are not:
// their Pods are refused, and the Job's FailedCreate event says why.
import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNamespace, waitFor } from "../cluster/helpers.js";
import {
  applyPipeline,
  finished,
  jobLogs,
  jobPods,
  kc,
  NODE_IMAGES,
  outcome,
} from "./node-support.js";

let ns: { name: string; remove: () => Promise<void> };
beforeAll(async () => {
  ns = await createNamespace(kc, "restricted", {
    "pod-security.kubernetes.io/enforce": "restricted",
  });
});
afterAll(async () => {
  await ns?.remove();
});

const httpd = {
  name: NODE_IMAGES.busybox,
  alias: "web",
  entrypoint: ["/bin/sh", "-c"],
  command: [
    "mkdir -p /tmp/www && echo served as $(id -u) > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www",
  ],
};

describe('podSecurity: "restricted" on a namespace that enforces restricted', () => {
  it("restricted Jobs are admitted and run, with their service; a root image is refused by the kubelet", async () => {
    await applyPipeline(ns.name, "r", {
      default: { image: NODE_IMAGES.debian, kubernetes: { podSecurity: "restricted" } },
      jobs: {
        test: {
          needs: [],
          image: { name: NODE_IMAGES.debian, kubernetes: { user: 1000 } },
          services: [httpd],
          kubernetes: { servicesSecurityContext: { runAsUser: 1000 } },
          script: [
            "id -u",
            "for i in 1 2 3 4 5 6 7 8 9 10; do busybox wget -qO- http://web:8080/ && break; sleep 1; done",
          ],
        },
        // No user: the debian image runs as root, which runAsNonRoot forbids.
        root: { needs: [], script: ["id -u"] },
      },
    });
    const test = await finished(ns.name, "r-test");
    expect(outcome(test)).toMatchObject({ type: "Complete", succeeded: 1 });
    const [log] = await jobLogs(ns.name, "r-test");
    expect(log).toContain("$ id -u\n1000\n");
    expect(log).toContain("served as 1000");

    const refused = await waitFor("the root job's container to be refused", async () => {
      const [pod] = await jobPods(ns.name, "r-root");
      const state = pod?.status?.containerStatuses?.find((c) => c.name === "job")?.state?.waiting;
      return state?.reason === "CreateContainerConfigError" ? { pod, state } : undefined;
    });
    const { name, uid } = refused.pod?.metadata ?? {};
    expect(refused.state.message).toBe(
      `container has runAsNonRoot and image will run as root (pod: "${name}_${ns.name}(${uid})", container: job)`,
    );
  });

  it("default (baseline) Jobs are refused there: no Pod, and the Job's event says which rules they break", async () => {
    await applyPipeline(ns.name, "b", {
      default: { image: NODE_IMAGES.debian },
      jobs: { build: { needs: [], script: ["true"] } },
    });
    const event = await waitFor("the Job's FailedCreate event", async () => {
      const list = await kc.makeApiClient(CoreV1Api).listNamespacedEvent({
        namespace: ns.name,
        fieldSelector: "involvedObject.kind=Job,involvedObject.name=b-build,reason=FailedCreate",
      });
      return list.items[0];
    });
    expect(event.message).toMatch(
      /^Error creating: pods "b-build-[a-z0-9]+" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "job" must set securityContext.allowPrivilegeEscalation=false\), unrestricted capabilities \(container "job" must set securityContext.capabilities.drop=\["ALL"\]\), runAsNonRoot != true \(pod or container "job" must set securityContext.runAsNonRoot=true\)$/,
    );
    expect(await jobPods(ns.name, "b-build")).toEqual([]);
  });
});
