// `--source git` without a cluster: the GIT_* variables GitLab reads, the script they give the
// sources job, what planRun adds (or not), the run's first lines, the URL without its password,
// and the scheduler's rule that jobs wait for the sources job and are skipped when it ends badly.
// The run itself is tested on the control plane (test/cluster/runtime-sources.test.ts) and the
// fetch on the real node (test/node/run-sources.test.ts).
import { type PipelineInput, validatePipeline } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { planRun } from "../src/plan/plan-run.js";
import { isSshUrl, withoutCredentials } from "../src/plan/repository-url.js";
import type { PlannedJob, RunPlan } from "../src/plan/run-plan.js";
import {
  DEFAULT_GIT_IMAGE,
  GIT_SSH_COMMAND,
  gitSettings,
  type SourcesJobInput,
  sourcesJob,
} from "../src/plan/sources-job.js";
import { textLines } from "../src/report/text-report.js";
import { initialStates, schedule } from "../src/schedule/scheduler.js";

function model(input: PipelineInput) {
  const { pipeline, diagnostics } = validatePipeline({
    kind: "pipecraft.pipeline",
    input,
    options: {},
  });
  if (pipeline === undefined) throw new Error(JSON.stringify(diagnostics));
  return pipeline;
}

const SHA = "0123456789abcdef0123456789abcdef01234567";
const predefined = { CI_REPOSITORY_URL: "https://git.example/shop.git", CI_COMMIT_SHA: SHA };
const base = { name: "shop", namespace: "ci", runId: "r1", predefined };

describe("GitLab's GIT_* variables", () => {
  it("defaults: fetch, depth 20 (GitLab's for new projects), no submodules", () => {
    expect(gitSettings({})).toEqual({
      settings: { strategy: "fetch", depth: 20, submodules: "none", submoduleDepth: 20 },
    });
    expect(gitSettings({ GIT_DEPTH: "3", GIT_SUBMODULE_STRATEGY: "normal" })).toEqual({
      settings: { strategy: "fetch", depth: 3, submodules: "normal", submoduleDepth: 3 },
    });
    expect(gitSettings({ GIT_DEPTH: "0", GIT_SUBMODULE_DEPTH: "1" })).toMatchObject({
      settings: { depth: 0, submoduleDepth: 1 },
    });
  });

  it("every unknown value is one problem naming it", () => {
    expect(
      gitSettings({
        GIT_STRATEGY: "copy",
        GIT_DEPTH: "-1",
        GIT_SUBMODULE_DEPTH: "x",
        GIT_SUBMODULE_STRATEGY: "all",
      }),
    ).toEqual({
      problems: [
        'GIT_STRATEGY "copy" is not one of clone, fetch, none, empty',
        'GIT_DEPTH "-1" is not a number of commits (0 fetches the whole history)',
        'GIT_SUBMODULE_DEPTH "x" is not a number of commits (0 fetches the whole history)',
        'GIT_SUBMODULE_STRATEGY "all" is not one of none, normal, recursive',
      ],
    });
  });
});

describe("the sources job's script", () => {
  const input: SourcesJobInput = {
    objectName: "shop-r1-sources",
    namespace: "ci",
    labels: {},
    projectDir: "/builds/shop",
    claimName: "shop-r1-workspace",
    url: "https://git.example/shop.git",
    commit: SHA,
    git: { strategy: "fetch", depth: 0, submodules: "none", submoduleDepth: 0 },
    image: "alpine/git:v2.45.1",
  };
  const script = (overrides: Partial<SourcesJobInput>) =>
    sourcesJob({ ...input, ...overrides }).spec?.template.spec?.containers[0]?.command?.[2] ?? "";

  it("GIT_DEPTH 0: the whole history; without a ref only the commit is fetched", () => {
    const text = script({});
    expect(text).toContain(
      'auth fetch -q --no-tags origin "+$CI_COMMIT_SHA:refs/pipecraft/commit"\n',
    );
    expect(text).not.toContain("--depth");
    expect(text).not.toContain("CI_COMMIT_REF");
    expect(text).not.toContain("submodule");
    expect(text).toContain('auth() { git "$@"; }');
  });

  it("with a ref, the ref when the server will not give the commit alone; clone empties first", () => {
    const text = script({
      ref: "refs/tags/v1",
      git: { strategy: "clone", depth: 2, submodules: "normal", submoduleDepth: 1 },
    });
    expect(text).toContain(
      'auth fetch -q --no-tags --depth 2 origin "+$CI_COMMIT_SHA:refs/pipecraft/commit" 2>/dev/null || auth fetch -q --no-tags --depth 2 origin "+$CI_COMMIT_REF:$CI_COMMIT_REF"',
    );
    expect(text).toContain("rm -rf .git\ngit init -q .");
    expect(text).toContain("git submodule sync\nauth submodule update --init --depth 1");
  });

  it("nothing the kubelet would expand: no $( and no $$", () => {
    for (const url of ["https://git.example/shop.git", "git@git.example:shop.git"]) {
      const text = script({ credentialsSecret: "git", ref: "refs/heads/main", url });
      expect(text).not.toMatch(/\$\(|\$\$/);
    }
    expect(GIT_SSH_COMMAND).not.toMatch(/\$\(|\$\$/);
  });

  it("HTTP with a Secret: a missing username or password (or Secret) is one fatal line", () => {
    const text = script({ credentialsSecret: "git" });
    expect(text).toContain(
      'test -r /pipecraft/git-credentials/username && test -r /pipecraft/git-credentials/password || { echo "fatal: the Secret $PIPECRAFT_GIT_CREDENTIALS of --git-credentials has no keys username and password, or is not in this namespace; an HTTP remote needs a kubernetes.io/basic-auth Secret" >&2; exit 1; }',
    );
    expect(text).toContain("credential.helper=");
    expect(text).not.toContain("ssh-privatekey");
  });

  it("SSH: the Secret's key and known_hosts, host keys always checked, ssh's refusal said last", () => {
    const job = sourcesJob({ ...input, url: "git@git.example:shop.git", credentialsSecret: "git" });
    const container = job.spec?.template.spec?.containers[0];
    const text = container?.command?.[2] ?? "";
    expect(container?.env).toContainEqual({ name: "GIT_SSH_COMMAND", value: GIT_SSH_COMMAND });
    expect(container?.env).toContainEqual({ name: "PIPECRAFT_GIT_CREDENTIALS", value: "git" });
    expect(GIT_SSH_COMMAND).toBe(
      "ssh -i /pipecraft/git-credentials/ssh-privatekey -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=/pipecraft/git-credentials/known_hosts -o GlobalKnownHostsFile=/dev/null",
    );
    expect(text).toContain(
      'echo "fatal: an SSH remote needs a key, and the Secret $PIPECRAFT_GIT_CREDENTIALS of --git-credentials has no key ssh-privatekey, or is not in this namespace; give a kubernetes.io/ssh-auth Secret, or an HTTPS URL with --var CI_REPOSITORY_URL=https://..." >&2; exit 1;',
    );
    expect(text).toContain(
      'echo "fatal: the Secret $PIPECRAFT_GIT_CREDENTIALS of --git-credentials has no key known_hosts, and the SSH host key is always checked; add the host\'s public key to the Secret as known_hosts (ssh-keyscan HOST)" >&2; exit 1;',
    );
    expect(text).toContain(
      'echo "fatal: the git image has no ssh for an SSH remote; use an image with sh, git and ssh (--git-image; alpine/git has them)" >&2; exit 1;',
    );
    expect(text).toContain(
      "fatal: the SSH host key of the remote is not in the known_hosts of the Secret $PIPECRAFT_GIT_CREDENTIALS of --git-credentials; add the host's public key there (ssh-keyscan HOST)",
    );
    expect(text).not.toContain("credential.helper");
    expect(job.spec?.template.spec?.volumes?.[1]).toEqual({
      name: "git-credentials",
      secret: { secretName: "git", defaultMode: 0o400, optional: true },
    });
    // Without a Secret nothing about SSH is set (planRun refuses an SSH URL without one).
    const plain = sourcesJob({ ...input, url: "git@git.example:shop.git" });
    expect(JSON.stringify(plain)).not.toContain("GIT_SSH_COMMAND");
  });
});

describe("planRun with sources", () => {
  const input = { jobs: { build: { image: "alpine", script: ["make"] } } };

  it("git: the sources job first, with the default image; the others are unchanged", () => {
    const planned = planRun(model(input), { ...base, sources: { kind: "git" } });
    expect(planned.problems).toEqual([]);
    expect(planned.plan?.sources).toEqual({
      kind: "git",
      url: "https://git.example/shop.git",
      commit: SHA,
      job: "sources",
    });
    expect(planned.plan?.jobs[0]).toEqual({
      name: "sources",
      job: "sources",
      objectName: "shop-r1-sources",
      stage: ".pre",
      stageIndex: -1,
      when: "on_success",
      allowFailure: false,
      needs: [],
      role: "sources",
    });
    expect([...(planned.objects?.jobs.keys() ?? [])]).toEqual(["sources", "build"]);
    const job = planned.objects?.jobs.get("sources");
    expect(job?.spec?.suspend).toBe(true);
    expect(job?.spec?.template.spec?.containers[0]?.image).toBe(DEFAULT_GIT_IMAGE);
  });

  it("a job that would become the sources job's Kubernetes Job stops the run", () => {
    const planned = planRun(model({ jobs: { Sources: { image: "alpine", script: ["ls"] } } }), {
      ...base,
      sources: { kind: "git" },
    });
    expect(planned.problems).toEqual([
      '--source git adds a job named "sources", and the pipeline has one; rename that job, or use --source local or none',
    ]);
  });

  it("an SSH URL needs --git-credentials, unless no job needs the sources", () => {
    const ssh = {
      ...base,
      predefined: { ...predefined, CI_REPOSITORY_URL: "ssh://git@h:2222/x.git" },
    };
    expect(planRun(model(input), { ...ssh, sources: { kind: "git" } }).problems).toEqual([
      "--source git fetches CI_REPOSITORY_URL ssh://git@h:2222/x.git, an SSH remote, and SSH needs a key; pass --git-credentials SECRET (a kubernetes.io/ssh-auth Secret with the keys ssh-privatekey and known_hosts), or an HTTPS URL with --var CI_REPOSITORY_URL=https://...",
    ]);
    const withKey = planRun(model(input), {
      ...ssh,
      sources: { kind: "git", credentialsSecret: "deploy-key" },
    });
    expect(withKey.problems).toEqual([]);
    const none = {
      jobs: { build: { image: "alpine", script: ["make"], variables: { GIT_STRATEGY: "none" } } },
    };
    expect(planRun(model(none), { ...ssh, sources: { kind: "git" } }).problems).toEqual([]);
  });

  it("GIT_CLONE_PATH from --var cannot move the Jobs' mounts: the run says where to set it", () => {
    const planned = planRun(model(input), { ...base, variables: { GIT_CLONE_PATH: "/builds/x" } });
    expect(planned.problems).toEqual([
      "--var GIT_CLONE_PATH: a job's clone path is where its Job mounts the workspace, written from the pipeline's variables; set GIT_CLONE_PATH in the pipeline's (or the job's) variables instead",
    ]);
  });

  it("none and local add no job; the plan says which", () => {
    for (const kind of ["none", "local"] as const) {
      const planned = planRun(model(input), { ...base, sources: { kind } });
      expect(planned.plan?.sources).toEqual({ kind });
      expect(planned.plan?.jobs.map((job) => job.name)).toEqual(["build"]);
    }
    expect(planRun(model(input), base).plan?.sources).toEqual({ kind: "none" });
  });
});

describe("the run's first lines", () => {
  const run = (sources: RunPlan["sources"]) =>
    textLines(
      {
        type: "run",
        time: "t",
        runId: "r1",
        pipeline: "shop",
        namespace: "ci",
        record: "shop-run-r1",
        jobs: 2,
        ...(sources === undefined ? {} : { sources }),
      },
      "shop",
    );

  it("say where the sources come from and how to change it", () => {
    expect(run({ kind: "none" })[1]).toBe(
      "[shop] sources: none, the workspace starts empty (--source git clones CI_REPOSITORY_URL in a first job, --source local uploads this git working tree)",
    );
    expect(run({ kind: "local" })[1]).toBe(
      "[shop] sources: local, this git working tree is uploaded into the workspace before the first job (--source none leaves it empty)",
    );
    expect(run({ kind: "git", url: "https://h/x.git", commit: SHA })[1]).toBe(
      "[shop] sources: git, but no job needs them (GIT_STRATEGY none everywhere), so nothing is fetched",
    );
    // A record written before sources existed: the run line alone.
    expect(run(undefined)).toHaveLength(1);
  });
});

describe("isSshUrl", () => {
  it.each([
    ["git@gitlab.com:shop/app.git", true],
    ["gitlab.com:app.git", true],
    ["ssh://git@gitlab.com:2222/shop/app.git", true],
    ["git+ssh://gitlab.com/app.git", true],
    ["SSH://host/x.git", true],
    ["https://gitlab.com/shop/app.git", false],
    ["http://host:8080/x.git", false],
    ["git://host/x.git", false],
    ["file:///srv/x.git", false],
    ["/srv/git/x.git", false],
    ["./x:y.git", false],
    ["C:\\repos\\x.git", false],
  ])("%s → %s", (url, expected) => {
    expect(isSshUrl(url)).toBe(expected);
  });
});

describe("withoutCredentials", () => {
  it.each([
    ["https://gitlab-ci-token:abc@gitlab.com/shop.git", "https://gitlab.com/shop.git"],
    ["https://ci@gitlab.com/shop.git", "https://ci@gitlab.com/shop.git"],
    ["git@gitlab.com:shop.git", "git@gitlab.com:shop.git"],
    ["ssh://git:pw@host/x.git", "ssh://host/x.git"],
  ])("%s → %s", (url, expected) => {
    expect(withoutCredentials(url)).toBe(expected);
  });
});

describe("the scheduler and the sources job", () => {
  const job = (name: string, extra: Partial<PlannedJob> = {}): PlannedJob => ({
    name,
    job: name,
    objectName: `p-r-${name}`,
    stage: "test",
    stageIndex: 1,
    when: "on_success",
    allowFailure: false,
    ...extra,
  });
  const plan: RunPlan = {
    pipeline: "p",
    runId: "r",
    namespace: "ns",
    notRun: [],
    play: [],
    jobs: [
      job("sources", { stage: ".pre", stageIndex: -1, needs: [], role: "sources" }),
      job("early", { needs: [] }),
      job("offline", { needs: [], withoutSources: true }),
      job("late", { stageIndex: 2, when: "always" }),
    ],
  };

  it("releases the sources job and the jobs without sources; the others wait", () => {
    const { actions } = schedule(plan, initialStates(plan), 0);
    expect(actions).toEqual([
      { type: "release", job: "sources" },
      { type: "release", job: "offline" },
    ]);
  });

  it("a canceled sources job skips the jobs that needed it, saying so", () => {
    const states = initialStates(plan);
    states.set("sources", { status: "canceled" });
    states.set("offline", { status: "success" });
    const { actions } = schedule(plan, states, 0);
    const reason =
      "the sources job was canceled, so there is nothing to work on (GIT_STRATEGY none runs without sources)";
    expect(actions).toEqual([
      { type: "skip", job: "early", reason },
      { type: "skip", job: "late", reason },
    ]);
  });
});
