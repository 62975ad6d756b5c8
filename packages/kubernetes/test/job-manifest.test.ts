import { reference, validatePipeline } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { toKubernetesManifests } from "../src/to-kubernetes-manifests.js";
import { jobNamed, mainContainer, manifestsOf } from "./synth-helpers.js";

const job = { image: "node:22-alpine", script: ["npm test"] };

describe("one CI job → one batch/v1 Job", () => {
  it("names objects <pipeline>-<job> in DNS-1123 form, without hash suffixes", () => {
    const manifests = manifestsOf({ jobs: { "Unit Tests (fast)": job, lint_code: job } });
    expect(manifests.jobs.map((j) => j.job.metadata?.name)).toEqual([
      "app-unit-tests-fast",
      "app-lint-code",
    ]);
    expect(manifests.workspace.metadata?.name).toBe("app-workspace");
  });

  it("cuts names to 63 characters", () => {
    const long = "a-very-long-job-name-that-goes-on-and-on-and-on-well-past-the-limit";
    const name = manifestsOf({ jobs: { [long]: job } }).jobs[0]?.job.metadata?.name;
    expect(name).toBe(`app-${long}`.slice(0, 63));
    expect(name).toHaveLength(63);
  });

  it("a collision after shortening is an error naming both jobs", () => {
    const { diagnostics } = manifestsOf({ jobs: { "build:linux": job, build_linux: job } });
    expect(diagnostics).toEqual([
      {
        code: "kubernetes/name-collision",
        path: "jobs.build_linux",
        severity: "error",
        message:
          '"build_linux" and "build:linux" both become the Kubernetes Job "app-build-linux"; rename one of them',
      },
    ]);
  });

  it("labels and annotates for selection and for the runtime (stage order, needs)", () => {
    const manifests = manifestsOf({
      stages: ["build", "test"],
      jobs: {
        compile: { ...job, stage: "build" },
        unit: { ...job, stage: "test", needs: ["compile"], when: "manual", allow_failure: true },
        e2e: {
          ...job,
          stage: "test",
          kubernetes: { labels: { team: "qa" }, annotations: { "example.com/owner": "qa" } },
        },
      },
    });
    const unit = jobNamed(manifests, "app-unit");
    expect(unit.metadata?.labels).toEqual({
      "app.kubernetes.io/managed-by": "pipecraft",
      "pipecraft.dev/pipeline": "app",
      "pipecraft.dev/run-id": "local",
      "pipecraft.dev/job": "unit",
      "pipecraft.dev/stage": "test",
    });
    expect(unit.metadata?.annotations).toEqual({
      "pipecraft.dev/job-name": "unit",
      "pipecraft.dev/stage": "test",
      "pipecraft.dev/stage-index": "2",
      "pipecraft.dev/needs": '["app-compile"]',
      "pipecraft.dev/when": "manual",
      "pipecraft.dev/allow-failure": "true",
      "pipecraft.dev/release": "manual",
    });
    expect(unit.spec?.suspend).toBe(true);
    // Without needs a job waits for the earlier stages: no needs annotation.
    const e2e = jobNamed(manifests, "app-e2e");
    expect(e2e.metadata?.annotations?.["pipecraft.dev/needs"]).toBeUndefined();
    expect(e2e.spec?.template.metadata?.labels?.team).toBe("qa");
    expect(e2e.spec?.template.metadata?.annotations).toEqual({ "example.com/owner": "qa" });
  });

  it("needs on a matrix job wait for every combination", () => {
    const manifests = manifestsOf({
      jobs: {
        build: { ...job, parallel: { matrix: [{ OS: ["linux", "mac"] }] } },
        pack: { ...job, needs: ["build"] },
      },
    });
    expect(jobNamed(manifests, "app-pack").metadata?.annotations?.["pipecraft.dev/needs"]).toBe(
      '["app-build-linux","app-build-mac"]',
    );
  });

  it("runs the image with the scripts in the workspace, mounted at CI_PROJECT_DIR", () => {
    const manifests = manifestsOf({
      kubernetes: {
        projectDir: "/src",
        workspace: { size: "5Gi", storageClassName: "fast", accessModes: ["ReadWriteMany"] },
      },
      jobs: {
        build: { image: { name: "node:22", pull_policy: "if-not-present" }, script: ["npm ci"] },
      },
    });
    const build = jobNamed(manifests, "app-build");
    const container = mainContainer(build);
    expect(container).toMatchObject({
      name: "job",
      image: "node:22",
      imagePullPolicy: "IfNotPresent",
      workingDir: "/src",
      volumeMounts: [{ name: "workspace", mountPath: "/src" }],
    });
    expect(build.spec?.template.spec?.volumes).toEqual([
      { name: "workspace", persistentVolumeClaim: { claimName: "app-workspace" } },
    ]);
    expect(manifests.workspace.spec).toEqual({
      accessModes: ["ReadWriteMany"],
      resources: { requests: { storage: "5Gi" } },
      storageClassName: "fast",
    });
  });

  it("takes default keywords the job does not set, honouring inherit.default", () => {
    const manifests = manifestsOf({
      default: {
        image: "alpine:3",
        before_script: ["echo setup"],
        timeout: "2h",
        kubernetes: { nodeSelector: { pool: "ci" } },
      },
      jobs: {
        plain: { script: ["true"] },
        own: {
          image: "node:22",
          script: ["true"],
          kubernetes: { resources: { requests: { cpu: 0.5 } } },
        },
        alone: { image: "busybox", script: ["true"], inherit: { default: false } },
      },
    });
    const plain = jobNamed(manifests, "app-plain");
    expect(mainContainer(plain).image).toBe("alpine:3");
    expect(mainContainer(plain).command?.slice(4)).toEqual(["2", "echo setup", "true"]);
    expect(plain.spec?.activeDeadlineSeconds).toBe(7200);
    const own = jobNamed(manifests, "app-own");
    expect(mainContainer(own).image).toBe("node:22");
    expect(own.spec?.template.spec?.nodeSelector).toEqual({ pool: "ci" });
    expect(mainContainer(own).resources).toEqual({ requests: { cpu: "0.5" } });
    const alone = jobNamed(manifests, "app-alone");
    expect(alone.spec?.activeDeadlineSeconds).toBeUndefined();
    expect(alone.spec?.template.spec?.nodeSelector).toBeUndefined();
  });

  it("a job without any image is an error (Kubernetes has no runner default)", () => {
    const { diagnostics } = manifestsOf({ jobs: { shell: { script: ["true"] } } });
    expect(diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      "jobs.shell: no image, and Kubernetes has no runner default image; set image (or kubernetes.image) on the job or in default",
    ]);
  });
});

describe("services → native sidecars", () => {
  it("are init containers with restartPolicy Always, reachable on localhost by alias", () => {
    const build = jobNamed(
      manifestsOf({
        variables: { SHARED: "yes" },
        jobs: {
          test: {
            ...job,
            services: [
              "postgres:16",
              {
                name: "registry.example.com/tools/redis:7",
                alias: "cache",
                command: ["redis-server", "--save", ""],
                variables: { SHARED: "service" },
              },
            ],
          },
        },
      }),
      "app-test",
    );
    const pod = build.spec?.template.spec;
    expect(pod?.initContainers?.map((c) => [c.name, c.image, c.restartPolicy, c.args])).toEqual([
      ["postgres", "postgres:16", "Always", undefined],
      ["cache", "registry.example.com/tools/redis:7", "Always", ["redis-server", "--save", ""]],
    ]);
    expect(pod?.hostAliases).toEqual([{ ip: "127.0.0.1", hostnames: ["postgres", "cache"] }]);
    // Job variables reach services (as in GitLab); a service's own variables win.
    expect(pod?.initContainers?.[1]?.env?.find((v) => v.name === "SHARED")?.value).toBe("service");
    expect(pod?.initContainers?.[0]?.env?.find((v) => v.name === "SHARED")?.value).toBe("yes");
    // The runtime's defaults, as the job's container (podSecurity "baseline").
    expect(pod?.initContainers?.[0]?.securityContext).toBeUndefined();
  });

  it("two services with the same container name are an error", () => {
    const { diagnostics } = manifestsOf({
      jobs: { test: { ...job, services: ["mysql:8", { name: "mysql:9" }] } },
    });
    expect(diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'jobs.test.services[1]: the service alias "mysql" gives the same container name "mysql" as services[0]; set distinct aliases',
    ]);
  });
});

describe("timeout, retry, parallel", () => {
  it("timeout → activeDeadlineSeconds", () => {
    const spec = jobNamed(
      manifestsOf({ jobs: { build: { ...job, timeout: "1h 30m" } } }),
      "app-build",
    ).spec;
    expect(spec?.activeDeadlineSeconds).toBe(5400);
  });

  it("no retry → backoffLimit 0 (Kubernetes would retry 6 times)", () => {
    expect(jobNamed(manifestsOf({ jobs: { build: job } }), "app-build").spec).toMatchObject({
      backoffLimit: 0,
    });
  });

  it("retry: N retries any failure", () => {
    const spec = jobNamed(manifestsOf({ jobs: { build: { ...job, retry: 2 } } }), "app-build").spec;
    expect(spec?.backoffLimit).toBe(2);
    expect(spec?.podFailurePolicy).toBeUndefined();
  });

  it("retry.exit_codes → a podFailurePolicy that fails at once on every other code", () => {
    const spec = jobNamed(
      manifestsOf({ jobs: { build: { ...job, retry: { max: 2, exit_codes: [137, 1] } } } }),
      "app-build",
    ).spec;
    expect(spec?.backoffLimit).toBe(2);
    expect(spec?.podFailurePolicy).toEqual({
      rules: [
        {
          action: "FailJob",
          onExitCodes: { containerName: "job", operator: "NotIn", values: [0, 1, 137] },
        },
      ],
    });
  });

  it("retry.when without script_failure never retries a failing script", () => {
    const spec = jobNamed(
      manifestsOf({
        jobs: { build: { ...job, retry: { max: 1, when: "runner_system_failure" } } },
      }),
      "app-build",
    ).spec;
    expect(spec?.podFailurePolicy?.rules).toEqual([
      { action: "FailJob", onExitCodes: { containerName: "job", operator: "NotIn", values: [0] } },
    ]);
  });

  it("parallel: N → one Indexed Job, retried per index", () => {
    const spec = jobNamed(
      manifestsOf({ jobs: { shard: { ...job, parallel: 3, retry: 1 } } }),
      "app-shard",
    ).spec;
    expect(spec).toMatchObject({
      completionMode: "Indexed",
      completions: 3,
      parallelism: 3,
      backoffLimitPerIndex: 1,
    });
    expect(spec?.backoffLimit).toBeUndefined();
  });

  it("parallel: matrix → one Job per combination, in GitLab's order", () => {
    const manifests = manifestsOf({
      jobs: {
        test: {
          ...job,
          parallel: { matrix: [{ OS: ["linux", "mac"], NODE: [20, 22] }, { OS: "windows" }] },
        },
      },
    });
    expect(manifests.jobs.map((j) => [j.job.metadata?.name, j.ciName])).toEqual([
      ["app-test-linux-20", "test: [linux, 20]"],
      ["app-test-linux-22", "test: [linux, 22]"],
      ["app-test-mac-20", "test: [mac, 20]"],
      ["app-test-mac-22", "test: [mac, 22]"],
      ["app-test-windows", "test: [windows]"],
    ]);
  });
});

describe("scheduling and security", () => {
  it("tags go through the user's mapping; an unmapped tag is a warning", () => {
    const manifests = manifestsOf({
      kubernetes: {
        tags: {
          gpu: {
            nodeSelector: { "nvidia.com/gpu.present": "true" },
            tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }],
          },
          linux: { nodeSelector: { "kubernetes.io/os": "linux" } },
        },
      },
      jobs: { train: { ...job, tags: ["gpu", "linux", "fast"] } },
    });
    const pod = jobNamed(manifests, "app-train").spec?.template.spec;
    expect(pod?.nodeSelector).toEqual({
      "nvidia.com/gpu.present": "true",
      "kubernetes.io/os": "linux",
    });
    expect(pod?.tolerations).toEqual([{ key: "gpu", operator: "Exists", effect: "NoSchedule" }]);
    expect(manifests.diagnostics).toEqual([
      {
        code: "kubernetes/unmapped-tag",
        path: "jobs.train.tags[2]",
        severity: "warning",
        message:
          'tag "fast" has no Kubernetes mapping; add it to kubernetes.tags, or the Pod may run on any node',
      },
    ]);
  });

  it("runs as GitLab's executor does by default (baseline): runtime capabilities, RuntimeDefault seccomp, no token", () => {
    const pod = jobNamed(manifestsOf({ jobs: { build: job } }), "app-build").spec?.template.spec;
    expect(pod?.automountServiceAccountToken).toBe(false);
    expect(pod?.securityContext).toEqual({ seccompProfile: { type: "RuntimeDefault" } });
    expect(pod?.containers[0]?.securityContext).toBeUndefined();
  });

  it("every default can be overridden in the job's kubernetes block", () => {
    const pod = jobNamed(
      manifestsOf({
        jobs: {
          deploy: {
            image: { name: "bitnami/kubectl", kubernetes: { user: "1001:1001" } },
            script: ["kubectl get pods"],
            kubernetes: {
              serviceAccountName: "deployer",
              securityContext: { readOnlyRootFilesystem: true },
              podSecurityContext: { runAsNonRoot: true, fsGroup: 1001 },
              imagePullSecrets: ["registry"],
              ttlSecondsAfterFinished: 600,
              volumes: [{ name: "cfg", configMap: { name: "deploy-config" } }],
              volumeMounts: [{ name: "cfg", mountPath: "/etc/deploy" }],
              affinity: {
                nodeAffinity: {
                  requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] },
                },
              },
            },
          },
        },
      }),
      "app-deploy",
    );
    const spec = pod.spec?.template.spec;
    expect(spec?.serviceAccountName).toBe("deployer");
    // Naming a service account asks for its token.
    expect(spec?.automountServiceAccountToken).toBe(true);
    expect(spec?.securityContext).toEqual({
      seccompProfile: { type: "RuntimeDefault" },
      runAsNonRoot: true,
      fsGroup: 1001,
    });
    expect(spec?.containers[0]?.securityContext).toEqual({
      runAsUser: 1001,
      runAsGroup: 1001,
      readOnlyRootFilesystem: true,
    });
    expect(spec?.imagePullSecrets).toEqual([{ name: "registry" }]);
    expect(pod.spec?.ttlSecondsAfterFinished).toBe(600);
    expect(spec?.volumes?.map((v) => v.name)).toEqual(["workspace", "cfg"]);
    expect(spec?.containers[0]?.volumeMounts?.map((m) => m.mountPath)).toEqual([
      "/builds/app",
      "/etc/deploy",
    ]);
    expect(spec?.affinity).toBeDefined();
  });

  it("is deterministic: same pipeline, same objects", () => {
    const input = {
      jobs: {
        a: { ...job, parallel: { matrix: [{ X: ["1", "2"] }] } },
        b: { ...job, needs: ["a"] },
      },
    };
    expect(JSON.stringify(manifestsOf(input))).toBe(JSON.stringify(manifestsOf(input)));
  });
});

describe("templates", () => {
  it("extends, hidden templates and !reference are applied even when GitLab keeps them (templates: hidden)", () => {
    const { pipeline } = validatePipeline({
      kind: "pipecraft.pipeline",
      options: { templates: "hidden" },
      input: {
        jobs: {
          ".node": {
            image: "node:22",
            before_script: ["npm ci"],
            kubernetes: { nodeSelector: { pool: "ci" } },
          },
          test: { extends: ".node", script: ["npm test", reference(".node", "before_script")] },
        },
      },
    });
    const manifests = toKubernetesManifests(pipeline!, { name: "app" });
    expect(manifests.jobs.map((j) => j.jobName)).toEqual(["test"]);
    const test = jobNamed(manifests, "app-test");
    expect(mainContainer(test).image).toBe("node:22");
    expect(mainContainer(test).command?.slice(4)).toEqual(["3", "npm ci", "npm test", "npm ci"]);
    expect(test.spec?.template.spec?.nodeSelector).toEqual({ pool: "ci" });
  });
});

describe("what GitLab expands itself", () => {
  it("matrix and job variables in image and service names", () => {
    const manifests = manifestsOf({
      variables: { PG: "16" },
      jobs: {
        test: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and GitLab variable syntax
          image: "node:${NODE}-alpine",
          services: ["postgres:$PG", { name: "$CACHE_IMAGE", alias: "cache" }],
          script: ["npm test"],
          parallel: { matrix: [{ NODE: ["20", "22"], CACHE_IMAGE: "redis:7" }] },
        },
      },
    });
    const pod = jobNamed(manifests, "app-test-22-redis-7").spec?.template.spec;
    expect(pod?.containers[0]?.image).toBe("node:22-alpine");
    expect(pod?.initContainers?.map((c) => c.image)).toEqual(["postgres:16", "redis:7"]);
  });
});

describe("needs on one matrix combination", () => {
  it("waits only for the combinations it lists, whatever the variables' order", () => {
    const manifests = manifestsOf({
      jobs: {
        test: {
          image: "alpine",
          script: ["true"],
          parallel: { matrix: [{ NODE: ["20", "22"], DB: ["pg", "mysql"] }] },
        },
        report: {
          image: "alpine",
          script: ["true"],
          needs: [{ job: "test", parallel: { matrix: [{ DB: "pg", NODE: "22" }] } }],
        },
      },
    });
    expect(jobNamed(manifests, "app-report").metadata?.annotations?.["pipecraft.dev/needs"]).toBe(
      '["app-test-22-pg"]',
    );
  });
});
