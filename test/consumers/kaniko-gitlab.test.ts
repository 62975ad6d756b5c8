// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is shell and CI syntax, not JavaScript
import { kaniko, type Pipeline, pipeline, synthGitlab, validatePipeline } from "pipecraft";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGitlabYamlDocuments } from "../support/gitlab-yaml.js";
import { gitlabSchemaPath, sharedMissingReason } from "../support/shared.js";
import {
  createCiRepository,
  listJobs,
  previewConfiguration,
  removeCiRepository,
} from "./gitlab-ci-local.js";
import { validateAgainstGitlabSchema } from "./gitlab-schema.js";

const definition = pipeline({
  stages: ["test", "build"],
  jobs: {
    test: { stage: "test", image: "node:22-alpine", script: ["npm test"] },
    "build-image": {
      ...kaniko.build({
        context: "services/api",
        destinations: [
          "$CI_REGISTRY_IMAGE/api:$CI_COMMIT_SHORT_SHA",
          "${CI_REGISTRY_IMAGE}/api:latest",
        ],
        cache: true,
        cacheRepo: "$CI_REGISTRY_IMAGE/cache",
        buildArgs: { GREETING: `say "hi" to 'you' \\ $CI_PROJECT_NAME`, EMPTY: "" },
        target: "runtime",
        registryAuth: {},
        extraArgs: ["--label=team=platform team"],
      }),
      stage: "build",
      needs: ["test"],
      rules: [{ if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" }],
    },
    "build-image-from-git": {
      ...kaniko.build({
        context: "git://gitlab.example.com/group/app.git#refs/heads/main",
        destinations: ["registry.example.com/app:1"],
        registryAuth: {
          registry: "registry.example.com",
          usernameVariable: "DEPLOY_USER",
          passwordVariable: "DEPLOY_TOKEN",
          secretName: "regcred",
        },
      }),
      stage: "build",
      needs: ["test"],
    },
  },
});

function synthesized(): { model: Pipeline; yaml: string } {
  const { pipeline: model, diagnostics } = validatePipeline(definition);
  expect(diagnostics).toEqual([]);
  if (model === undefined) throw new Error("the pipeline did not validate");
  return { model, yaml: synthGitlab(model, { sourceFile: "pipeline.ts" }).output ?? "" };
}

describe("a pipeline with kaniko.build on GitLab", () => {
  it("validates and keeps the build options in the model for the Kubernetes target", () => {
    const { model } = synthesized();
    expect(model.jobs["build-image"]?.kubernetes?.kaniko?.destinations).toEqual([
      "$CI_REGISTRY_IMAGE/api:$CI_COMMIT_SHORT_SHA",
      "${CI_REGISTRY_IMAGE}/api:latest",
    ]);
  });

  it("writes GitLab's Kaniko job, without the kubernetes block", () => {
    const { yaml } = synthesized();
    expect(yaml).not.toMatch(/^\s*kubernetes:/m);
    expect(yaml).not.toContain("regcred");
    const [document] = loadGitlabYamlDocuments(yaml) as Record<string, Record<string, unknown>>[];
    expect(document?.["build-image"]).toEqual({
      stage: "build",
      image: { name: "ghcr.io/osscontainertools/kaniko:v1.28.3-debug", entrypoint: [""] },
      needs: ["test"],
      rules: [{ if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" }],
      script: [
        "mkdir -p /kaniko/.docker",
        `printf '{"auths":{"%s":{"auth":"%s"}}}' "$CI_REGISTRY" "$(printf '%s:%s' "\${CI_REGISTRY_USER}" "\${CI_REGISTRY_PASSWORD}" | base64 | tr -d '\\n')" > /kaniko/.docker/config.json`,
        [
          "/kaniko/executor \\",
          '  --context="${CI_PROJECT_DIR}/services/api" \\',
          '  --dockerfile="${CI_PROJECT_DIR}/services/api/Dockerfile" \\',
          '  --destination="$CI_REGISTRY_IMAGE/api:$CI_COMMIT_SHORT_SHA" \\',
          '  --destination="${CI_REGISTRY_IMAGE}/api:latest" \\',
          "  --cache=true \\",
          '  --cache-repo="$CI_REGISTRY_IMAGE/cache" \\',
          `  --build-arg="GREETING=say \\"hi\\" to 'you' \\\\ $CI_PROJECT_NAME" \\`,
          "  --build-arg=EMPTY= \\",
          "  --target=runtime \\",
          '  --label="team=platform team"',
        ].join("\n"),
      ],
    });
    expect(document?.["build-image-from-git"]?.script).toEqual([
      "mkdir -p /kaniko/.docker",
      `printf '{"auths":{"%s":{"auth":"%s"}}}' registry.example.com "$(printf '%s:%s' "\${DEPLOY_USER}" "\${DEPLOY_TOKEN}" | base64 | tr -d '\\n')" > /kaniko/.docker/config.json`,
      "cd /",
      [
        "/kaniko/executor \\",
        '  --context="git://gitlab.example.com/group/app.git#refs/heads/main" \\',
        "  --dockerfile=Dockerfile \\",
        "  --destination=registry.example.com/app:1",
      ].join("\n"),
    ]);
  });

  const schemaMissing = sharedMissingReason(gitlabSchemaPath);
  if (schemaMissing !== undefined) console.warn(`GitLab schema check ${schemaMissing}`);

  it.skipIf(schemaMissing !== undefined)("validates against GitLab's CI schema", () => {
    expect(validateAgainstGitlabSchema(synthesized().yaml)).toEqual([]);
  });
});

describe("gitlab-ci-local 4.73.0 reads the Kaniko pipeline", () => {
  let repo = "";
  let yaml = "";

  beforeAll(async () => {
    yaml = synthesized().yaml;
    repo = await createCiRepository({ ".gitlab-ci.yml": yaml });
  });
  afterAll(async () => {
    if (repo !== "") await removeCiRepository(repo);
  });

  it("--list-json: the build jobs in their stage, after test", async () => {
    const listed = await listJobs(repo);
    expect(
      listed
        .map((job) => ({
          name: job.name,
          stage: job.stage,
          needs: job.needs?.map((need) => need.job),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: "build-image", stage: "build", needs: ["test"] },
      { name: "build-image-from-git", stage: "build", needs: ["test"] },
      { name: "test", stage: "test", needs: undefined },
    ]);
  });

  it("--preview: the scripts and image arrive as written", async () => {
    const [preview] = loadGitlabYamlDocuments(await previewConfiguration(repo)) as Record<
      string,
      Record<string, unknown>
    >[];
    const [written] = loadGitlabYamlDocuments(yaml) as Record<string, Record<string, unknown>>[];
    const job = preview?.["build-image"];
    expect(job?.script).toEqual(written?.["build-image"]?.script);
    expect(job?.image).toEqual(written?.["build-image"]?.image);
    expect(job).not.toHaveProperty("kubernetes");
  });
});
