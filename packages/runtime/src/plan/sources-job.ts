// The job of `--source git`: a Kubernetes Job that fetches CI_REPOSITORY_URL at CI_COMMIT_SHA into
// the workspace claim before the other jobs start, as GitLab Runner's "get sources" step does for
// each job. GitLab's GIT_* variables are read here (pure: variables in, a Job or a problem out).
import type { V1EnvVar, V1Job } from "@kubernetes/client-node";
import { isSshUrl } from "./repository-url.js";

/** The image of the sources job when `--git-image` is not given: it needs `sh` and `git`. */
export const DEFAULT_GIT_IMAGE = "alpine/git:v2.45.1";

/** GIT_DEPTH when the pipeline sets none: GitLab's default for new projects. */
export const DEFAULT_GIT_DEPTH = 20;

/**
 * Where the sources job mounts the Secret of `--git-credentials`: keys `username` and `password`
 * (HTTP), or `ssh-privatekey` and `known_hosts` (SSH).
 */
export const GIT_CREDENTIALS_MOUNT = "/pipecraft/git-credentials";

/**
 * How git runs ssh for an SSH remote: the Secret's key only, the host key checked against the
 * Secret's `known_hosts` and nothing else, no prompt.
 */
export const GIT_SSH_COMMAND = `ssh -i ${GIT_CREDENTIALS_MOUNT}/ssh-privatekey -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${GIT_CREDENTIALS_MOUNT}/known_hosts -o GlobalKnownHostsFile=/dev/null`;

/** GitLab's GIT_STRATEGY values; `none` and `empty` mean a job does not need the sources. */
export type GitStrategy = "clone" | "fetch" | "none" | "empty";

/** GIT_SUBMODULE_STRATEGY values. */
export type SubmoduleStrategy = "none" | "normal" | "recursive";

/** The pipeline's GIT_* settings that shape the sources job. */
export type GitSettings = {
  readonly strategy: GitStrategy;
  /** Commits to fetch; 0: the whole history. */
  readonly depth: number;
  readonly submodules: SubmoduleStrategy;
  readonly submoduleDepth: number;
};

const STRATEGIES: readonly GitStrategy[] = ["clone", "fetch", "none", "empty"];
const SUBMODULES: readonly SubmoduleStrategy[] = ["none", "normal", "recursive"];

/**
 * A job's GIT_STRATEGY (default `fetch`, GitLab's for new projects), or the problem with it.
 * @example gitStrategy({ GIT_STRATEGY: "none" }) // { strategy: "none" }
 */
export function gitStrategy(
  variables: Readonly<Record<string, string>>,
): { strategy: GitStrategy } | { problem: string } {
  const value = variables.GIT_STRATEGY ?? "";
  if (value === "") return { strategy: "fetch" };
  const strategy = STRATEGIES.find((candidate) => candidate === value);
  return strategy === undefined
    ? { problem: `GIT_STRATEGY "${value}" is not one of ${STRATEGIES.join(", ")}` }
    : { strategy };
}

/**
 * The pipeline's GIT_STRATEGY, GIT_DEPTH, GIT_SUBMODULE_STRATEGY and GIT_SUBMODULE_DEPTH, or
 * the problems with them (one line each).
 */
export function gitSettings(
  variables: Readonly<Record<string, string>>,
): { settings: GitSettings } | { problems: string[] } {
  const problems: string[] = [];
  const strategy = gitStrategy(variables);
  if ("problem" in strategy) problems.push(strategy.problem);
  const depth = depthOf(variables, "GIT_DEPTH", DEFAULT_GIT_DEPTH, problems);
  const submoduleDepth = depthOf(variables, "GIT_SUBMODULE_DEPTH", depth, problems);
  const submoduleValue = variables.GIT_SUBMODULE_STRATEGY ?? "";
  const submodules =
    submoduleValue === "" ? "none" : SUBMODULES.find((candidate) => candidate === submoduleValue);
  if (submodules === undefined) {
    problems.push(
      `GIT_SUBMODULE_STRATEGY "${submoduleValue}" is not one of ${SUBMODULES.join(", ")}`,
    );
  }
  if (problems.length > 0 || "problem" in strategy || submodules === undefined) return { problems };
  return { settings: { strategy: strategy.strategy, depth, submodules, submoduleDepth } };
}

function depthOf(
  variables: Readonly<Record<string, string>>,
  name: string,
  fallback: number,
  problems: string[],
): number {
  const value = variables[name] ?? "";
  if (value === "") return fallback;
  if (!/^\d{1,9}$/.test(value)) {
    problems.push(`${name} "${value}" is not a number of commits (0 fetches the whole history)`);
    return fallback;
  }
  return Number(value);
}

/** What the sources job is made from. */
export type SourcesJobInput = {
  /** The Job's name in the cluster. */
  readonly objectName: string;
  readonly namespace: string;
  /** The run's labels (managed-by, pipeline, run id). */
  readonly labels: Readonly<Record<string, string>>;
  /** Where the jobs mount the workspace (CI_PROJECT_DIR). */
  readonly projectDir: string;
  /** The workspace claim's name. */
  readonly claimName: string;
  /** CI_REPOSITORY_URL without credentials. */
  readonly url: string;
  readonly commit: string;
  /** The ref the commit is on (`refs/heads/main`, `refs/tags/v1`), fetched when the commit alone cannot be. */
  readonly ref?: string;
  readonly git: GitSettings;
  readonly image: string;
  /**
   * A Secret mounted read-only: `username` and `password` for git's credential helper (HTTP), or
   * `ssh-privatekey` and `known_hosts` for ssh (an SSH `url`). Optional in the Pod, so that a
   * missing Secret or key fails the job with a line naming it instead of a Pod that never starts.
   */
  readonly credentialsSecret?: string;
};

/**
 * The sources job: suspended like every Job of a run, one attempt, the git error kept as the
 * container's termination message (the last lines of its log).
 */
export function sourcesJob(input: SourcesJobInput): V1Job {
  const labels = { ...input.labels, "pipecraft.dev/job": "sources" };
  const credentials = input.credentialsSecret;
  const env: V1EnvVar[] = [
    { name: "CI_PROJECT_DIR", value: input.projectDir },
    { name: "CI_REPOSITORY_URL", value: input.url },
    { name: "CI_COMMIT_SHA", value: input.commit },
    ...(input.ref === undefined ? [] : [{ name: "CI_COMMIT_REF", value: input.ref }]),
    { name: "GIT_TERMINAL_PROMPT", value: "0" },
    ...(credentials === undefined
      ? []
      : [{ name: "PIPECRAFT_GIT_CREDENTIALS", value: credentials }]),
    ...(credentials !== undefined && isSshUrl(input.url)
      ? [{ name: "GIT_SSH_COMMAND", value: GIT_SSH_COMMAND }]
      : []),
  ];
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: input.objectName,
      namespace: input.namespace,
      labels,
      annotations: { "pipecraft.dev/role": "sources" },
    },
    spec: {
      suspend: true,
      backoffLimit: 0,
      activeDeadlineSeconds: 3600,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          securityContext: { seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: "job",
              image: input.image,
              command: ["sh", "-c", fetchScript(input)],
              env,
              terminationMessagePolicy: "FallbackToLogsOnError",
              volumeMounts: [
                { name: "workspace", mountPath: input.projectDir },
                ...(credentials === undefined
                  ? []
                  : [
                      { name: "git-credentials", mountPath: GIT_CREDENTIALS_MOUNT, readOnly: true },
                    ]),
              ],
            },
          ],
          volumes: [
            { name: "workspace", persistentVolumeClaim: { claimName: input.claimName } },
            ...(credentials === undefined
              ? []
              : [
                  {
                    name: "git-credentials",
                    secret: { secretName: credentials, defaultMode: 0o400, optional: true },
                  },
                ]),
          ],
        },
      },
    },
  };
}

// The script: values come from the environment (never spliced into the text); the flags are
// plain numbers and words checked above. No `$(` and no `$$`: the kubelet reads those itself.
function fetchScript(input: SourcesJobInput): string {
  const { git } = input;
  const depth = git.depth === 0 ? "" : ` --depth ${git.depth}`;
  const submoduleDepth = git.submoduleDepth === 0 ? "" : ` --depth ${git.submoduleDepth}`;
  const helper = credentialsHelper(input);
  const fetchCommit = `auth fetch -q --no-tags${depth} origin "+$CI_COMMIT_SHA:refs/pipecraft/commit"`;
  const fetchRef = `auth fetch -q --no-tags${depth} origin "+$CI_COMMIT_REF:$CI_COMMIT_REF"`;
  const recursive = git.submodules === "recursive" ? " --recursive" : "";
  return [
    "set -eu",
    ...helper,
    'cd "$CI_PROJECT_DIR"',
    // clone: start from an empty workspace, as a fresh clone would (the claim is new per run).
    ...(git.strategy === "clone" ? ["rm -rf .git"] : []),
    "git init -q .",
    'git remote add origin "$CI_REPOSITORY_URL" 2>/dev/null || git remote set-url origin "$CI_REPOSITORY_URL"',
    `echo "Fetching $CI_REPOSITORY_URL at $CI_COMMIT_SHA (${git.depth === 0 ? "whole history" : `depth ${git.depth}`})"`,
    // The commit itself where the server allows it (GitHub, GitLab), else the ref it is on.
    input.ref === undefined ? fetchCommit : `${fetchCommit} 2>/dev/null || ${fetchRef}`,
    `git checkout -q -f --detach "$CI_COMMIT_SHA" || { echo "fatal: commit $CI_COMMIT_SHA is not in what was fetched from $CI_REPOSITORY_URL${depth === "" ? "" : ` (depth ${git.depth})`}; push it, or raise GIT_DEPTH" >&2; exit 1; }`,
    ...(git.submodules === "none"
      ? []
      : [
          `git submodule sync${recursive}`,
          `auth submodule update --init${recursive}${submoduleDepth}`,
        ]),
    'git log -1 --format="Checked out %H %s"',
  ].join("\n");
}

// The `auth` function the fetches go through, after checks that the Secret has what the URL needs
// (its keys' absence, or the Secret's, is one `fatal:` line naming the Secret and the fix).
function credentialsHelper(input: SourcesJobInput): string[] {
  if (input.credentialsSecret === undefined) return ['auth() { git "$@"; }'];
  const dir = GIT_CREDENTIALS_MOUNT;
  const secret = "the Secret $PIPECRAFT_GIT_CREDENTIALS of --git-credentials";
  if (!isSshUrl(input.url)) {
    return [
      `test -r ${dir}/username && test -r ${dir}/password || { echo "fatal: ${secret} has no keys username and password, or is not in this namespace; an HTTP remote needs a kubernetes.io/basic-auth Secret" >&2; exit 1; }`,
      `auth() { git -c credential.helper='!f() { test "$1" = get || exit 0; printf "username=%s\\npassword=%s\\n" "\`cat ${dir}/username\`" "\`cat ${dir}/password\`"; }; f' "$@"; }`,
    ];
  }
  const errors = "/tmp/pipecraft-git.err";
  return [
    `test -r ${dir}/ssh-privatekey || { echo "fatal: an SSH remote needs a key, and ${secret} has no key ssh-privatekey, or is not in this namespace; give a kubernetes.io/ssh-auth Secret, or an HTTPS URL with --var CI_REPOSITORY_URL=https://..." >&2; exit 1; }`,
    `test -r ${dir}/known_hosts || { echo "fatal: ${secret} has no key known_hosts, and the SSH host key is always checked; add the host's public key to the Secret as known_hosts (ssh-keyscan HOST)" >&2; exit 1; }`,
    'command -v ssh >/dev/null || { echo "fatal: the git image has no ssh for an SSH remote; use an image with sh, git and ssh (--git-image; alpine/git has them)" >&2; exit 1; }',
    // ssh's complaint comes before git's generic `fatal:` line, the one the run reports: say it last.
    `auth() { status=0; git "$@" 2>${errors} || status=$?; cat ${errors} >&2; if test $status -ne 0 && grep -q "Host key verification failed" ${errors}; then echo "fatal: the SSH host key of the remote is not in the known_hosts of ${secret}; add the host's public key there (ssh-keyscan HOST)" >&2; fi; return $status; }`,
  ];
}
