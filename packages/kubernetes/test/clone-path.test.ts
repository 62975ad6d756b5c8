// GIT_CLONE_PATH as GitLab's Kubernetes executor honours it (custom_build_dir is on by default
// there): the job mounts the workspace, runs and sees CI_PROJECT_DIR at that path, inside
// CI_BUILDS_DIR. What cannot be honoured before the run starts is an error naming the fix.
import { describe, expect, it } from "vitest";
import { envOf, jobNamed, mainContainer, manifestsOf } from "./synth-helpers.js";

const job = { image: "golang:1.23", script: ["go build ./..."] };

describe("GIT_CLONE_PATH", () => {
  it("a job's clone path is where it mounts the workspace, runs, and CI_PROJECT_DIR points", () => {
    const manifests = manifestsOf({
      variables: { GOPATH: "$CI_BUILDS_DIR/go" },
      jobs: {
        build: {
          ...job,
          variables: { GIT_CLONE_PATH: "$GOPATH/src/example.com/$CI_PROJECT_NAME" },
        },
        lint: job,
      },
    });
    expect(manifests.diagnostics).toEqual([]);
    const build = mainContainer(jobNamed(manifests, "app-build"));
    expect(build.workingDir).toBe("/builds/go/src/example.com/app");
    expect(build.volumeMounts).toEqual([
      { name: "workspace", mountPath: "/builds/go/src/example.com/app" },
    ]);
    expect(envOf(build).CI_PROJECT_DIR).toBe("/builds/go/src/example.com/app");
    // The same claim: another job sees the same files at its own path.
    expect(jobNamed(manifests, "app-build").spec?.template.spec?.volumes).toEqual([
      { name: "workspace", persistentVolumeClaim: { claimName: "app-workspace" } },
    ]);
    const lint = mainContainer(jobNamed(manifests, "app-lint"));
    expect(lint.workingDir).toBe("/builds/app");
    expect(envOf(lint).CI_PROJECT_DIR).toBe("/builds/app");
  });

  it("a pipeline-wide one, normalized, wins over kubernetes.projectDir as over GitLab's builds_dir", () => {
    const manifests = manifestsOf({
      kubernetes: { projectDir: "/src" },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitLab variable, not a JS template
      variables: { GIT_CLONE_PATH: "${CI_BUILDS_DIR}//shop/./app/" },
      jobs: { build: job },
    });
    expect(manifests.diagnostics).toEqual([]);
    const build = mainContainer(jobNamed(manifests, "app-build"));
    expect(build.workingDir).toBe("/builds/shop/app");
    expect(envOf(build).CI_PROJECT_DIR).toBe("/builds/shop/app");
  });

  it("outside CI_BUILDS_DIR: an error, as GitLab's runner refuses it too", () => {
    const { diagnostics } = manifestsOf({
      jobs: { build: { ...job, variables: { GIT_CLONE_PATH: "/builds/../go/src/app" } } },
    });
    expect(diagnostics).toEqual([
      {
        code: "kubernetes/git-clone-path",
        path: "jobs.build.variables.GIT_CLONE_PATH",
        severity: "error",
        message:
          'GIT_CLONE_PATH "/builds/../go/src/app" is /go/src/app, not inside CI_BUILDS_DIR (/builds), which GitLab requires too; use a path under /builds/, or set kubernetes.projectDir for a workspace elsewhere',
      },
    ]);
  });

  it("a variable only the runner knows (CI_CONCURRENT_ID, CI_PROJECT_PATH): an error with the fix", () => {
    const { diagnostics } = manifestsOf({
      variables: { GIT_CLONE_PATH: "$CI_BUILDS_DIR/$CI_CONCURRENT_ID/$CI_PROJECT_PATH" },
      jobs: { build: job },
    });
    expect(diagnostics).toEqual([
      {
        code: "kubernetes/git-clone-path",
        path: "variables.GIT_CLONE_PATH",
        severity: "error",
        message:
          'GIT_CLONE_PATH "$CI_BUILDS_DIR/$CI_CONCURRENT_ID/$CI_PROJECT_PATH" refers to $CI_CONCURRENT_ID, which a Kubernetes run cannot know before it starts (it knows CI_BUILDS_DIR=/builds, CI_PROJECT_NAME and the pipeline\'s variables); write the path out, or set kubernetes.projectDir instead',
      },
    ]);
  });

  it("expand: false keeps the $ as written, so it cannot be a path", () => {
    const { diagnostics } = manifestsOf({
      jobs: {
        build: {
          ...job,
          variables: { GIT_CLONE_PATH: { value: "$CI_BUILDS_DIR/app", expand: false } },
        },
      },
    });
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["kubernetes/git-clone-path", "jobs.build.variables.GIT_CLONE_PATH"],
    ]);
  });
});
