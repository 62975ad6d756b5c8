// The cdk8s + cdk8s-plus baseline of the Kubernetes benchmark: the same CI jobs as
// fixtures/gitlab-pipeline.mjs, each written by hand as the batch/v1 Job our Kubernetes target
// makes of it (a Job named <pipeline>-<job>, the script as `sh -c`, the job's variables as env,
// the workspace claim mounted at the project directory, labels, annotations, deadlines and a
// locked-down security context), built with cdk8s-plus constructs and synthesized by
// `app.synthYaml()`, in process.
import { App, Chart, Duration, Size } from "cdk8s";
import {
  Capability,
  Cpu,
  EnvValue,
  Job,
  PersistentVolumeClaim,
  SeccompProfileType,
  Volume,
} from "cdk8s-plus-34";

const STAGES = ["build", "test", "deploy"];
const PIPELINE = "bench";
const WORKSPACE_CLAIM = `${PIPELINE}-workspace`;
const PROJECT_DIR = "/builds/app";

/** The shell script of job `i`: what the target writes for the fixture's `script` lines. */
function script(stage, service) {
  return [
    "set -eu",
    `echo "$ cd services/${service}"`,
    `cd services/${service}`,
    'echo "$ npm run lint"',
    "npm run lint",
    `echo "$ npm run ${stage} -- --reporter=junit --output=reports/junit.xml"`,
    `npm run ${stage} -- --reporter=junit --output=reports/junit.xml`,
    `if [ -f ".env.${stage}" ]; then`,
    `  . ".env.${stage}"`,
    "fi",
    'echo "done: $CI_JOB_NAME"',
  ].join("\n");
}

function addJob(chart, claimVolume, i) {
  const stage = STAGES[i % STAGES.length];
  const service = `service-${String(i).padStart(5, "0")}`;
  const jobName = `${stage}-${service}`;
  const needed = `${stage}:service-${String(i - STAGES.length).padStart(5, "0")}`;
  const job = new Job(chart, jobName, {
    metadata: {
      name: `${PIPELINE}-${jobName}`,
      namespace: "ci",
      labels: {
        "app.kubernetes.io/managed-by": "pipecraft",
        "pipecraft.dev/pipeline": PIPELINE,
        "pipecraft.dev/job": jobName,
        "pipecraft.dev/stage": stage,
      },
      annotations: {
        "pipecraft.dev/needs": JSON.stringify(i >= STAGES.length ? [needed] : []),
        "pipecraft.dev/source": `pipeline.ts:${10 + i}:5`,
      },
    },
    activeDeadline: Duration.minutes(30),
    backoffLimit: 0,
    ttlAfterFinished: Duration.days(1),
    securityContext: { ensureNonRoot: true, user: 1000, group: 1000, fsGroup: 1000 },
    automountServiceAccountToken: false,
    containers: [
      {
        name: "job",
        image: "node:22-alpine",
        command: ["/bin/sh", "-c", script(stage, service)],
        workingDir: PROJECT_DIR,
        envVariables: {
          CI: EnvValue.fromValue("true"),
          CI_JOB_NAME: EnvValue.fromValue(`${stage}:${service}`),
          CI_JOB_STAGE: EnvValue.fromValue(stage),
          CI_PROJECT_DIR: EnvValue.fromValue(PROJECT_DIR),
          SERVICE: EnvValue.fromValue(service),
          NODE_ENV: EnvValue.fromValue(i % 2 === 0 ? "test" : "production"),
        },
        volumeMounts: [{ volume: claimVolume, path: PROJECT_DIR }],
        resources: {
          cpu: { request: Cpu.millis(500) },
          memory: { request: Size.mebibytes(512) },
        },
        securityContext: {
          ensureNonRoot: true,
          user: 1000,
          group: 1000,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          capabilities: { drop: [Capability.ALL] },
          seccompProfile: { type: SeccompProfileType.RUNTIME_DEFAULT },
        },
      },
    ],
  });
  return job;
}

/** `count` CI jobs as cdk8s-plus Jobs in a fresh App and Chart, synthesized to one YAML stream. */
export function cdk8sJobsYaml(count) {
  const app = new App();
  const chart = new Chart(app, PIPELINE);
  const claim = PersistentVolumeClaim.fromClaimName(chart, "workspace-claim", WORKSPACE_CLAIM);
  const claimVolume = Volume.fromPersistentVolumeClaim(chart, "workspace", claim);
  for (let i = 0; i < count; i++) addJob(chart, claimVolume, i);
  return app.synthYaml();
}
