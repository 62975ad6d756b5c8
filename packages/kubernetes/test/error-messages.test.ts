// Every error a user can cause in the Kubernetes settings, with its exact message and place.
import { type PipelineInput, validatePipeline } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { manifestsOf } from "./synth-helpers.js";

const job = { image: "alpine", script: ["true"] };

function validationErrors(input: PipelineInput): string[] {
  const { diagnostics } = validatePipeline({ kind: "pipecraft.pipeline", input, options: {} });
  return diagnostics.map((d) => `${d.path}: ${d.message}`);
}

describe("errors of the Kubernetes target", () => {
  it("a user name where Kubernetes needs a number", () => {
    const { diagnostics } = manifestsOf({
      jobs: {
        build: { image: { name: "alpine", kubernetes: { user: "builder" } }, script: ["true"] },
      },
    });
    expect(diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'jobs.build.image.kubernetes.user: Kubernetes needs a numeric user (runAsUser), e.g. 1000 or "1000:1000"',
    ]);
  });

  it("a service alias that cannot name a container, or takes the job container's name", () => {
    const { diagnostics } = manifestsOf({
      jobs: {
        build: {
          ...job,
          services: [
            { name: "redis", alias: "---" },
            { name: "redis", alias: "job" },
          ],
        },
      },
    });
    expect(diagnostics.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'jobs.build.services[0]: the service alias "---" cannot name a container; set another alias',
      'jobs.build.services[1]: the service alias "job" cannot name a container; set another alias',
    ]);
  });
});

describe("errors in kubernetes: blocks and timeouts, found by validation", () => {
  it("names, labels, variable names and quantities are checked where they are written", () => {
    expect(
      validationErrors({
        kubernetes: { namespace: "CI", secrets: { "BAD-NAME": { name: "api", key: "token" } } },
        jobs: {
          build: {
            ...job,
            kubernetes: {
              serviceAccountName: "Deployer",
              labels: { team: "web team" },
              imagePullSecrets: ["Registry"],
            },
          },
        },
      }),
    ).toEqual([
      "jobs.build.kubernetes.serviceAccountName: expected a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'",
      "jobs.build.kubernetes.labels.team: expected a label value: up to 63 of [A-Za-z0-9-_.]",
      "jobs.build.kubernetes.imagePullSecrets[0]: expected a DNS-1123 name: lower-case letters, digits and '-'",
      "kubernetes.namespace: expected a DNS-1123 name: lower-case letters, digits and '-'",
      "kubernetes.secrets.BAD-NAME: expected a variable name: letters, digits and '_'",
    ]);
  });

  it("a timeout that is not a duration, or longer than GitLab allows", () => {
    expect(
      validationErrors({
        default: { timeout: "soon" },
        jobs: { build: { ...job, timeout: "2 months" } },
      }),
    ).toEqual([
      'default.timeout: "soon" is not a duration; write e.g. "1h 30m"',
      'jobs.build.timeout: "2 months" is longer than GitLab allows for a job (1 month)',
    ]);
  });

  it("a resource quantity Kubernetes would refuse is a validation error at its place", () => {
    expect(
      validationErrors({
        jobs: {
          build: {
            ...job,
            kubernetes: { resources: { requests: { cpu: "lots", memory: "2Gi" } } },
          },
        },
      }),
    ).toEqual([
      'jobs.build.kubernetes.resources.requests.cpu: expected a quantity such as "500m", "2", "1.5" or "4Gi"',
    ]);
  });
});
