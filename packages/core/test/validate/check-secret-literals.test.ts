import { describe, expect, it } from "vitest";
import { diagnosticsOf } from "./untyped-definition.js";

const message =
  "looks like a secret written into the pipeline, where everyone who can read the repository sees it; define it as a masked CI/CD variable in GitLab's settings (on Kubernetes: kubernetes.secrets) and remove it here";

describe("secrets written as literal variables", () => {
  it("warns on token formats and on a secret's name with a random value, top level and in jobs", () => {
    const definition = {
      variables: {
        AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1",
        DEPLOY: "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      },
      jobs: {
        deploy: {
          script: ["deploy"],
          variables: {
            DB_PASSWORD: { value: "hunter2hunter2hunter2x9" },
            ID: "AKIAIOSFODNN7EXAMPLE",
          },
        },
      },
    };
    expect(diagnosticsOf(definition)).toEqual([
      ["variables.AWS_SECRET_ACCESS_KEY", message, "warning"],
      ["variables.DEPLOY", message, "warning"],
      ["jobs.deploy.variables.DB_PASSWORD", message, "warning"],
      ["jobs.deploy.variables.ID", message, "warning"],
    ]);
  });

  it("leaves references, short or plain values, URLs, paths and non-secret names alone", () => {
    const definition = {
      variables: {
        TOKEN: "$CI_JOB_TOKEN",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference, not a placeholder
        API_KEY: "${VAULT_API_KEY}",
        SECRET_DETECTION_HISTORIC_SCAN: "false",
        PASSWORD_FILE: "/run/secrets/db-password-2024",
        TOKEN_URL: "https://example.com/oauth2/token/v1",
        SECRET_DETECTION_IMAGE_SUFFIX: "fips123456789012345",
        BUILD_ID: "a1b2c3d4e5f6a7b8c9d0e1f2",
        ACCESS_TOKEN_SCOPE: "read_api write_repository 2",
      },
      jobs: { build: { script: ["make"] } },
    };
    expect(diagnosticsOf(definition)).toEqual([]);
  });
});
