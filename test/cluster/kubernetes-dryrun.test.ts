// The Kubernetes and Kaniko targets against the real API server: every object synthesized from
// every example is created with a server-side dry run (dryRun=All) and strict field validation,
// so the API server validates, defaults and admits it without storing anything. The objects go
// over the wire exactly as parsed from the YAML (client-node's typed `create` would drop fields
// its models do not know, hiding a misspelt field name).
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import {
  type KubernetesObject,
  KubernetesObjectApi,
  type V1Job,
  type V1Pod,
} from "@kubernetes/client-node";
import { pipeline, synthKaniko, synthKubernetes, validatePipeline } from "pipecraft";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { loadModel } from "../consumers/load-model.js";
import { examplePipelines, type PipelineSource } from "../consumers/pipeline-sources.js";
import { createNamespace } from "./helpers.js";
import { testKubeConfig } from "./kubeconfig.js";

const kc = testKubeConfig();
type Namespace = { name: string; remove: () => Promise<void> };
/** No Pod Security admission: what a namespace without labels gets. */
let plain: Namespace;
/** Pod Security "baseline" enforced, as many clusters set for workloads. */
let baseline: Namespace;
/** Pod Security "restricted" enforced: refuses default Pods, admits podSecurity: "restricted". */
let restricted: Namespace;

/** The service account the image-build example's deploy job runs as (its README creates it). */
const DEPLOYER = "deployer";

beforeAll(async () => {
  [plain, baseline, restricted] = await Promise.all([
    createNamespace(kc, "dryrun-examples"),
    createNamespace(kc, "dryrun-baseline"),
    createNamespace(kc, "dryrun-restricted"),
  ]);
  await Promise.all([
    labelNamespace(baseline.name, { "pod-security.kubernetes.io/enforce": "baseline" }),
    labelNamespace(restricted.name, { "pod-security.kubernetes.io/enforce": "restricted" }),
    ...[plain, baseline].map((ns) =>
      send("POST", `/api/v1/namespaces/${ns.name}/serviceaccounts`, {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: DEPLOYER },
      }).then(expectSuccess),
    ),
  ]);
});
afterAll(async () => {
  await Promise.all([plain?.remove(), baseline?.remove(), restricted?.remove()]);
});

/** What the API server answered: the status code and the parsed body (an object or a Status). */
type ApiAnswer = {
  code: number;
  body: KubernetesObject & { message?: string; reason?: string };
  warnings: string[];
};

/** One raw request to the API server, authenticated as the test kubeconfig's user. */
async function send(
  method: string,
  path: string,
  body: unknown,
  contentType = "application/json",
): Promise<ApiAnswer> {
  const server = kc.getCurrentCluster()?.server;
  if (server === undefined) throw new Error("the test kubeconfig names no cluster");
  const options: Parameters<typeof kc.applyToHTTPSOptions>[0] = {
    method,
    headers: { "content-type": contentType, accept: "application/json" },
  };
  await kc.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const call = request(new URL(path, server), options, (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () => {
        const warning = response.headers.warning;
        resolve({
          code: response.statusCode ?? 0,
          body: JSON.parse(text) as ApiAnswer["body"],
          warnings: [warning ?? []].flat(),
        });
      });
    });
    call.on("error", reject);
    call.end(JSON.stringify(body));
  });
}

function expectSuccess(answer: ApiAnswer): ApiAnswer {
  expect(answer.code, answer.body.message).toBeLessThan(300);
  return answer;
}

async function labelNamespace(name: string, labels: Record<string, string>): Promise<void> {
  expectSuccess(
    await send(
      "PATCH",
      `/api/v1/namespaces/${name}`,
      { metadata: { labels } },
      "application/merge-patch+json",
    ),
  );
}

/** The collection URL of an object's kind in `namespace`. */
function collectionPath(object: KubernetesObject, namespace: string): string {
  const group = object.apiVersion === "v1" ? "/api/v1" : `/apis/${object.apiVersion}`;
  const resources: Record<string, string> = {
    Job: "jobs",
    Pod: "pods",
    PersistentVolumeClaim: "persistentvolumeclaims",
  };
  const resource = resources[object.kind ?? ""];
  if (resource === undefined) throw new Error(`no resource known for kind ${object.kind}`);
  return `${group}/namespaces/${namespace}/${resource}`;
}

/** Creates `object` with dryRun=All and fieldValidation=Strict: validated, defaulted, not stored. */
function dryRunCreate(object: KubernetesObject, namespace: string): Promise<ApiAnswer> {
  return send(
    "POST",
    `${collectionPath(object, namespace)}?dryRun=All&fieldValidation=Strict`,
    object,
  );
}

/**
 * Paths where `sent` is not part of `returned`: a field the API server dropped or changed (a
 * field of a disabled feature is dropped silently, even under strict validation). Lists may have
 * grown at the end (admission adds the service-account token volume).
 */
function notKept(sent: unknown, returned: unknown, path = ""): string[] {
  if (Array.isArray(sent)) {
    if (!Array.isArray(returned) || returned.length < sent.length) return [path];
    return sent.flatMap((item, i) => notKept(item, returned[i], `${path}[${i}]`));
  }
  if (typeof sent === "object" && sent !== null) {
    if (typeof returned !== "object" || returned === null) return [path];
    return Object.entries(sent).flatMap(([key, value]) =>
      notKept(value, (returned as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  return sent === returned ? [] : [`${path}: sent ${String(sent)}, got ${String(returned)}`];
}

/** The documents of a multi-document YAML text, read as kubectl reads them (YAML 1.1). */
function documents<T extends KubernetesObject>(text: string): T[] {
  return parseAllDocuments(text, { version: "1.1" }).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJS() as T;
  });
}

/** The name `pipecraft synth` gives an example: its package.json name without the scope. */
function pipelineName(source: PipelineSource): string {
  const { name } = JSON.parse(readFileSync(join(source.dir, "package.json"), "utf8")) as {
    name: string;
  };
  return name.replace(/^@[^/]*\//, "");
}

/** The example's --target kubernetes and --target kaniko output for `namespace`, as objects. */
async function synthesized(
  source: PipelineSource,
  namespace: string,
): Promise<{ objects: KubernetesObject[]; pods: V1Pod[] }> {
  const model = await loadModel(source);
  const options = { name: pipelineName(source), namespace, sourceFile: source.app };
  const kubernetes = synthKubernetes(model, options);
  const kaniko = synthKaniko(model, options);
  if (kubernetes.output === undefined || kaniko.output === undefined) {
    throw new Error(
      `${source.label} does not synthesize: ${JSON.stringify(kubernetes.diagnostics)}`,
    );
  }
  return { objects: documents(kubernetes.output), pods: documents<V1Pod>(kaniko.output) };
}

/** The Pod the Job controller would create from a Job's template (for Pod admission). */
function podOf(job: V1Job): V1Pod {
  const template = job.spec?.template;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { ...template?.metadata, name: job.metadata?.name ?? "pod" },
    spec: template?.spec,
  };
}

function isJob(object: KubernetesObject): object is V1Job {
  return object.kind === "Job";
}

describe.each(examplePipelines)("$label on the API server", (source) => {
  it("every object of --target kubernetes is accepted by a dry run, and kept as written", async () => {
    const { objects } = await synthesized(source, plain.name);
    expect(objects.map((object) => object.kind)).toContain("Job");
    for (const object of objects) {
      expect(object.metadata?.namespace).toBe(plain.name);
      const answer = await dryRunCreate(object, plain.name);
      expect(answer.code, `${object.kind} ${object.metadata?.name}: ${answer.body.message}`).toBe(
        201,
      );
      expect(answer.warnings).toEqual([]);
      expect(notKept(object, answer.body)).toEqual([]);
    }
  });

  it("the Pod of every Job, and every Kaniko build Pod, is admitted under Pod Security baseline", async () => {
    const { objects, pods } = await synthesized(source, baseline.name);
    for (const pod of [...objects.filter(isJob).map(podOf), ...pods]) {
      const answer = await dryRunCreate(pod, baseline.name);
      expect(answer.code, `Pod ${pod.metadata?.name}: ${answer.body.message}`).toBe(201);
      expect(notKept(pod, answer.body)).toEqual([]);
    }
  });

  it("every Pod of --target kaniko is accepted by a dry run", async () => {
    const { pods } = await synthesized(source, plain.name);
    for (const pod of pods) {
      expect(pod.kind).toBe("Pod");
      const answer = await dryRunCreate(pod, plain.name);
      expect(answer.code, `Pod ${pod.metadata?.name}: ${answer.body.message}`).toBe(201);
      expect(notKept(pod, answer.body)).toEqual([]);
    }
  });
});

describe("the checks can fail", () => {
  const imageBuild = examplePipelines.find((source) => source.label === "examples/image-build");

  async function imageBuildJob(name: string): Promise<V1Job> {
    if (imageBuild === undefined) throw new Error("examples/image-build is missing");
    const { objects } = await synthesized(imageBuild, plain.name);
    const job = objects.filter(isJob).find((object) => object.metadata?.name === name);
    if (job === undefined) throw new Error(`no Job ${name} in examples/image-build`);
    return job;
  }

  it("--target kaniko is not vacuous: examples/image-build has a build Pod", async () => {
    if (imageBuild === undefined) throw new Error("examples/image-build is missing");
    const { pods } = await synthesized(imageBuild, plain.name);
    expect(pods.map((pod) => pod.metadata?.name)).toEqual(["image-build-build-image"]);
  });

  it("a misspelt field is refused under strict validation (client-node's typed create would drop it)", async () => {
    const job = await imageBuildJob("image-build-deploy");
    const misspelt = { ...job, spec: { ...job.spec, backofLimit: 3 } } as V1Job;
    const answer = await dryRunCreate(misspelt, plain.name);
    expect(answer.code).toBe(400);
    expect(answer.body.reason).toBe("BadRequest");
    expect(answer.body.message).toBe(
      'Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.backofLimit"',
    );
    // The same object through KubernetesObjectApi.create: the field never reaches the server.
    const created = await KubernetesObjectApi.makeApiClient(kc).create(misspelt, undefined, "All");
    expect(created.metadata?.name).toBe("image-build-deploy");
    expect(created.spec).not.toHaveProperty("backofLimit");
  });

  it("an invalid value is refused with the API server's message", async () => {
    const job = await imageBuildJob("image-build-test");
    const template = job.spec?.template.spec;
    const invalid: V1Job = {
      ...job,
      spec: {
        ...job.spec,
        template: {
          ...job.spec?.template,
          spec: {
            ...template,
            containers: (template?.containers ?? []).map((c) => ({ ...c, name: "Job" })),
          },
        },
      },
    };
    const answer = await dryRunCreate(invalid, plain.name);
    expect(answer.code).toBe(422);
    expect(answer.body.reason).toBe("Invalid");
    expect(answer.body.message).toContain('Job.batch "image-build-test" is invalid');
    expect(answer.body.message).toContain(
      "spec.template.spec.containers[0].name: Invalid value: \"Job\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'",
    );
  });

  /** The Job of a one-job pipeline whose `kubernetes:` block is `block`. */
  function jobWithBlock(block: Record<string, unknown>): V1Job {
    const { pipeline: model, diagnostics } = validatePipeline(
      pipeline({
        jobs: { test: { image: "alpine:3.20", script: ["true"], kubernetes: block } },
      }),
    );
    if (model === undefined)
      throw new Error(`invalid for pipecraft: ${JSON.stringify(diagnostics)}`);
    const output = synthKubernetes(model, { name: "bad", namespace: plain.name }).output ?? "";
    const job = documents(output).find(isJob);
    if (job === undefined) throw new Error("no Job synthesized");
    return job;
  }

  // pipecraft checks only that these are objects or non-empty strings; the API server does the rest.
  it("a kubernetes: toleration with an unknown operator is refused with the field named", async () => {
    const job = jobWithBlock({ tolerations: [{ key: "gpu", operator: "Sometimes" }] });
    const answer = await dryRunCreate(job, plain.name);
    expect(answer.code).toBe(422);
    expect(answer.body.message).toBe(
      'Job.batch "bad-test" is invalid: spec.template.spec.tolerations[0].operator: Unsupported value: "Sometimes": supported values: "Equal", "Exists"',
    );
  });

  // pipecraft refuses such a quantity itself (at jobs.<job>.kubernetes.resources…), because the API
  // server's answer does not name the field: this is that answer.
  it("a resource quantity that is not one is refused while decoding, without the field", async () => {
    const job = jobWithBlock({ resources: { requests: { cpu: "1" } } });
    const container = job.spec?.template.spec?.containers[0];
    if (container?.resources?.requests === undefined) throw new Error("no resources synthesized");
    container.resources.requests.cpu = "lots";
    const answer = await dryRunCreate(job, plain.name);
    expect(answer.code).toBe(400);
    expect(answer.body.message).toBe(
      `Job in version "v1" cannot be handled as a Job: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
  });

  it("a value the API server rewrites is reported by the kept-as-written check", async () => {
    const job = jobWithBlock({ resources: { requests: { cpu: 0.5 } } });
    const answer = await dryRunCreate(job, plain.name);
    expect(answer.code).toBe(201);
    expect(notKept(job, answer.body)).toEqual([
      ".spec.template.spec.containers[0].resources.requests.cpu: sent 0.5, got 500m",
    ]);
  });

  it("Pod Security restricted refuses the default (baseline) job Pods: root, capabilities, escalation", async () => {
    const job = await imageBuildJob("image-build-test");
    const answer = await dryRunCreate(podOf(job), restricted.name);
    expect(answer.code).toBe(403);
    expect(answer.body.reason).toBe("Forbidden");
    expect(answer.body.message).toBe(
      'pods "image-build-test" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "job" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "job" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "job" must set securityContext.runAsNonRoot=true)',
    );
  });

  it('Pod Security restricted admits a job with kubernetes.podSecurity: "restricted"', async () => {
    const job = jobWithBlock({ podSecurity: "restricted" });
    const answer = await dryRunCreate(podOf(job), restricted.name);
    expect(answer.code).toBe(201);
  });
});

describe("suspended Jobs", () => {
  it("a Job that waits for its needs is written suspended, and the API server keeps it so", async () => {
    const imageBuild = examplePipelines.find((source) => source.label === "examples/image-build");
    if (imageBuild === undefined) throw new Error("examples/image-build is missing");
    const { objects } = await synthesized(imageBuild, plain.name);
    const deploy = objects.filter(isJob).find((job) => job.metadata?.name === "image-build-deploy");
    expect(deploy?.spec?.suspend).toBe(true);
    expect(deploy?.metadata?.annotations?.["pipecraft.dev/release"]).toBe("after-needs");
    const answer = await dryRunCreate(deploy as V1Job, plain.name);
    expect(answer.code, answer.body.message).toBe(201);
    expect((answer.body as V1Job).spec?.suspend).toBe(true);
  });
});
