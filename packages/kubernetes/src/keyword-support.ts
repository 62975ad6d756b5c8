import type { Job } from "@pipecraft/core";

/** How the Kubernetes target treats one job keyword. */
export type KeywordSupport = {
  /** mapped: has a Kubernetes form; recorded: kept as an annotation for the runtime;
   *  resolved: applied before the target runs; skipped: no Kubernetes meaning, warned about. */
  readonly treatment: "mapped" | "recorded" | "resolved" | "skipped";
  /** What it becomes, or why it is skipped. */
  readonly kubernetes: string;
};

/**
 * Every job keyword and what it becomes on Kubernetes: the single source of the target's
 * warnings and of the mapping table in the README (a test keeps the two in step).
 */
export const KEYWORD_SUPPORT: { readonly [Keyword in keyof Required<Job>]: KeywordSupport } = {
  stage: {
    treatment: "recorded",
    kubernetes: "label pipecraft.dev/stage, annotations pipecraft.dev/stage and stage-index",
  },
  extends: { treatment: "resolved", kubernetes: "merged into the job before the target runs" },
  image: {
    treatment: "mapped",
    kubernetes:
      "the job container's image (pull_policy → imagePullPolicy, kubernetes.user → runAsUser)",
  },
  services: {
    treatment: "mapped",
    kubernetes:
      "native sidecars (init containers, restartPolicy: Always), alias → hostAliases 127.0.0.1",
  },
  tags: {
    treatment: "mapped",
    kubernetes: "nodeSelector/tolerations/affinity through kubernetes.tags",
  },
  variables: {
    treatment: "mapped",
    kubernetes: "container env, in GitLab's precedence; $VAR → $(VAR)",
  },
  inputs: {
    treatment: "skipped",
    kubernetes: "inputs of CI steps (run), which do not run on Kubernetes",
  },
  secrets: {
    treatment: "skipped",
    kubernetes: "GitLab's external secret providers; use kubernetes.secrets (secretKeyRef)",
  },
  id_tokens: {
    treatment: "skipped",
    kubernetes: "GitLab-issued OIDC tokens; use a service account",
  },
  identity: {
    treatment: "skipped",
    kubernetes: "GitLab's cloud identity federation; use a service account",
  },
  inherit: {
    treatment: "resolved",
    kubernetes: "decides which default keywords and variables the job takes",
  },
  hooks: {
    treatment: "skipped",
    kubernetes: "runner hooks (pre_get_sources_script); there is no clone step",
  },
  before_script: { treatment: "mapped", kubernetes: "runs before script in one `set -e` shell" },
  script: {
    treatment: "mapped",
    kubernetes: "command: /bin/sh -c, each entry echoed and run; the first failure ends the job",
  },
  run: { treatment: "skipped", kubernetes: "CI steps need GitLab's step runner" },
  after_script: {
    treatment: "mapped",
    kubernetes:
      "runs afterwards in a fresh shell, also after a failure; does not change the status",
  },
  rules: {
    treatment: "skipped",
    kubernetes:
      "evaluated only with --var (a job selection); without, every job is written, suspended if a rule can make it manual or delayed",
  },
  only: {
    treatment: "skipped",
    kubernetes: "evaluated only with --var (a job selection); without, every job is written",
  },
  except: {
    treatment: "skipped",
    kubernetes: "evaluated only with --var (a job selection); without, every job is written",
  },
  needs: {
    treatment: "recorded",
    kubernetes:
      "annotation pipecraft.dev/needs (Job names); needs on other projects or pipelines are skipped",
  },
  dependencies: { treatment: "mapped", kubernetes: "every job sees the whole workspace volume" },
  when: {
    treatment: "recorded",
    kubernetes: "annotation pipecraft.dev/when (other than on_success)",
  },
  start_in: { treatment: "recorded", kubernetes: "annotation pipecraft.dev/start-in" },
  manual_confirmation: {
    treatment: "recorded",
    kubernetes: "annotation pipecraft.dev/manual-confirmation",
  },
  allow_failure: { treatment: "recorded", kubernetes: "annotation pipecraft.dev/allow-failure" },
  timeout: { treatment: "mapped", kubernetes: "activeDeadlineSeconds" },
  retry: {
    treatment: "mapped",
    kubernetes:
      "backoffLimit (per index for parallel: N) and a podFailurePolicy for exit_codes and when",
  },
  interruptible: { treatment: "recorded", kubernetes: "annotation pipecraft.dev/interruptible" },
  parallel: {
    treatment: "mapped",
    kubernetes: "N → Indexed Job (CI_NODE_INDEX/CI_NODE_TOTAL); matrix → one Job per combination",
  },
  resource_group: { treatment: "recorded", kubernetes: "annotation pipecraft.dev/resource-group" },
  cache: {
    treatment: "mapped",
    kubernetes: "the workspace volume shared by the run (paths persist there)",
  },
  artifacts: {
    treatment: "mapped",
    kubernetes:
      "the workspace volume shared by the run; dotenv reports pass their variables on, other reports and expiry are GitLab's",
  },
  coverage: { treatment: "skipped", kubernetes: "read from the log by GitLab" },
  environment: { treatment: "skipped", kubernetes: "GitLab's deployment tracking" },
  release: { treatment: "skipped", kubernetes: "creates a GitLab release" },
  trigger: {
    treatment: "skipped",
    kubernetes: "downstream pipelines are GitLab's: the job is left out",
  },
  pages: {
    treatment: "skipped",
    kubernetes: "GitLab Pages publishing (the job's script still runs)",
  },
  publish: {
    treatment: "skipped",
    kubernetes: "GitLab Pages publishing (the job's script still runs)",
  },
  dast_configuration: { treatment: "skipped", kubernetes: "GitLab DAST profiles" },
  kubernetes: {
    treatment: "mapped",
    kubernetes:
      "resources, service account, scheduling, security, labels, annotations, volumes, secrets, Kaniko",
  },
};
