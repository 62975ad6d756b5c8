/** One invalid input and exactly what `pipecraft` must answer. */
export interface InvalidInputCase {
  /** Fixture folder under fixtures/ (its pipeline.ts), or a label for `source`. */
  name: string;
  /** The pipeline.ts text, for inputs that cannot be a type-checked, linted fixture file. */
  source?: string;
  /** The command line; default `synth`. */
  args?: string[];
  exitCode: 1 | 2;
  /** The whole of stderr; `<project>` stands for the project's absolute path. */
  stderr: string;
  /** Put a `.gitlab-ci.yml` in place first and check it is left byte for byte as it was. */
  existingOutput?: boolean;
}

const syntaxError = [
  'import { pipeline } from "pipecraft";',
  "",
  "export default pipeline({",
  '  stages: ["test"],',
  '  jobs: { test: { stage: "test", script: ["npm test"] };',
  "});",
  "",
].join("\n");

/** Every synth-time check, each through the real CLI. Messages reviewed one by one. */
export const invalidInputCases: InvalidInputCase[] = [
  // References to jobs and stages, with did-you-mean.
  {
    name: "unknown-need",
    exitCode: 1,
    existingOutput: true,
    stderr:
      'pipeline.ts: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "unknown-need-object",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.test.needs[0]: no job named "compiel"; did you mean "compile"?\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "rules-needs-unknown",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.test.rules[0].needs[0]: no job named "biuld"; did you mean "build"?\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "unknown-dependency",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.test.dependencies[0]: no job named "complie"; did you mean "compile"?\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "unknown-extends",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.test.extends: no job or template named ".nod-template" to extend; did you mean ".node-template"?\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "need-on-hidden-template",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.test.needs[0]: ".setup" is a hidden template, which never runs; need a job that runs\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "undeclared-stage",
    exitCode: 1,
    existingOutput: true,
    stderr:
      'pipeline.ts: jobs.test.stage: stage "tset" is not declared in stages; did you mean "test"?\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "default-stage-undeclared",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.smoke.stage: this job has no stage, so it runs in "test", which is not declared in stages (.pre, build, deploy, .post); set stage or declare "test"\n' +
      "1 error in pipeline.ts\n",
  },
  // The job graph.
  {
    name: "needs-cycle",
    exitCode: 1,
    existingOutput: true,
    stderr:
      "pipeline.ts: jobs.fetch.needs[0]: needs cycle: fetch → package → compile → fetch\n" +
      "1 error in pipeline.ts\n",
  },
  {
    name: "self-need",
    exitCode: 1,
    stderr: 'pipeline.ts: jobs.lint.needs[0]: job "lint" needs itself\n1 error in pipeline.ts\n',
  },
  {
    name: "needs-later-stage",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.build.needs[0]: "deploy" runs in stage "deploy", after this job\'s stage "build"; a job can only need jobs of its own or an earlier stage\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "dependencies-later-stage",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.test.dependencies[0]: "package" runs in stage "package", after this job\'s stage "test"; dependencies must be jobs of its own or an earlier stage\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "too-many-needs",
    exitCode: 1,
    stderr:
      "pipeline.ts: jobs.test.needs: 51 needs; GitLab allows at most 50 per job\n" +
      "1 error in pipeline.ts\n",
  },
  {
    name: "extends-cycle",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs[".base"].extends: extends cycle: .base → .defaults → .base\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "need-listed-twice",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.test.needs[1]: "build" is listed twice in needs\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "dependency-not-needed",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.test.dependencies[0]: "docs" must also be listed in needs: a job with needs only downloads artifacts from jobs it needs\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "extends-too-deep",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs[".level-1"].extends: extends nesting too deep: .level-1 → .level-2 → .level-3 → .level-4 → .level-5 → .level-6 → .level-7 → .level-8 → .level-9 → .level-10 → .level-11 → .level-12 → .level-13 is 12 levels; GitLab allows at most 11\n' +
      "1 error in pipeline.ts\n",
  },
  // Environments.
  {
    name: "on-stop-unknown",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.deploy-review.environment.on_stop: no job named "stop-reveiw"; did you mean "stop-review"?\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "on-stop-other-environment",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.deploy-staging.environment.on_stop: "stop-production" stops environment "production", not "staging"\n' +
      "1 error in pipeline.ts\n",
  },
  // Job names and contents.
  {
    name: "reserved-job-name",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.variables: "variables" is a top-level GitLab keyword, not a job name; rename the job\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "job-name-trailing-space",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs["build "]: job name collides with "build": they differ only in leading or trailing spaces\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "job-name-collides-with-parallel-copy",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs["test 2/3"]: job name collides with a copy GitLab generates from jobs.test.parallel\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "no-script-nor-trigger",
    exitCode: 1,
    stderr:
      "pipeline.ts: jobs.test: job has nothing to run; add script (or trigger, to start a downstream pipeline)\n" +
      "1 error in pipeline.ts\n",
  },
  {
    name: "parallel-too-many",
    exitCode: 1,
    stderr:
      "pipeline.ts: jobs.test.parallel: must be at most 200, got 201\n1 error in pipeline.ts\n",
  },
  {
    name: "parallel-zero",
    exitCode: 1,
    stderr: "pipeline.ts: jobs.test.parallel: must be at least 1, got 0\n1 error in pipeline.ts\n",
  },
  {
    name: "matrix-too-large",
    exitCode: 1,
    stderr:
      "pipeline.ts: jobs.test.parallel.matrix: matrix generates 225 jobs; GitLab allows at most 200\n" +
      "1 error in pipeline.ts\n",
  },
  {
    name: "braces-in-rules-if",
    exitCode: 1,
    stderr:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the GitLab variable under test
      "pipeline.ts: jobs.deploy.rules[0].if: ${CI_COMMIT_BRANCH} is not expanded in rules:if; use $CI_COMMIT_BRANCH\n" +
      "1 error in pipeline.ts\n",
  },
  {
    name: "delayed-without-start-in",
    exitCode: 1,
    stderr:
      "pipeline.ts: jobs.deploy.start_in: a `when: delayed` job needs `start_in`\n" +
      "1 error in pipeline.ts\n",
  },
  // Keywords and types.
  {
    name: "unknown-keyword",
    exitCode: 1,
    existingOutput: true,
    stderr:
      'pipeline.ts: jobs.test.scirpt: unknown keyword "scirpt"; did you mean "script"?\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "unknown-top-level-keyword",
    exitCode: 1,
    stderr:
      'pipeline.ts: varaibles: unknown keyword "varaibles"; did you mean "variables"?\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "wrong-type-script",
    exitCode: 1,
    stderr:
      "pipeline.ts: jobs.test.script: expected a string or a list, got 42\n1 error in pipeline.ts\n",
  },
  {
    name: "wrong-type-when",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.deploy.when: expected one of "on_success", "on_failure", "always", "never", "manual", "delayed", got "manually"; did you mean "manual"?\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "wrong-type-allow-failure",
    exitCode: 1,
    stderr:
      'pipeline.ts: jobs.test.allow_failure: expected a boolean or an object, got "yes"\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "several-errors",
    exitCode: 1,
    stderr: [
      'pipeline.ts: jobs.test.stage: stage "tests" is not declared in stages; did you mean "test"?',
      'pipeline.ts: jobs.test.needs[0]: no job named "biuld"; did you mean "build"?',
      'pipeline.ts: jobs.lint.needs[0]: job "lint" needs itself',
      "pipeline.ts: jobs.lint: job has nothing to run; add script (or trigger, to start a downstream pipeline)",
      "4 errors in pipeline.ts",
      "",
    ].join("\n"),
  },
  // The file itself.
  {
    name: "throws",
    exitCode: 1,
    existingOutput: true,
    stderr: "pipeline.ts:5:34: Error: PIPECRAFT_TEST_UNSET is not set\n",
  },
  {
    name: "throws-non-error",
    exitCode: 1,
    stderr: 'pipeline.ts: threw a string "need a build stage"\n',
  },
  {
    name: "syntax-error",
    source: syntaxError,
    exitCode: 1,
    existingOutput: true,
    stderr: 'pipeline.ts:5:56: error: Expected "}" but found ";"\n',
  },
  {
    name: "missing-import",
    exitCode: 1,
    stderr:
      'pipeline.ts:3:25: cannot find module "./ci-helpers.js"; check the path and the file extension (.js for a .ts file, as in any ESM import)\n',
  },
  {
    name: "missing-package",
    exitCode: 1,
    stderr:
      'pipeline.ts:2:25: cannot find package "@acme/ci-templates/node"; install it (npm install @acme/ci-templates) or fix the name\n',
  },
  {
    name: "not-a-pipeline",
    exitCode: 1,
    stderr:
      "pipeline.ts: the default export is not a pipeline (found an object with keys stages, jobs); export default pipeline({...})\n",
  },
  {
    name: "no-default-export",
    exitCode: 1,
    stderr:
      "pipeline.ts has no default export, but exports the pipeline ci; add export default ci\n",
  },
  {
    name: "duplicate-stage",
    exitCode: 1,
    stderr:
      'pipeline.ts: stages[2]: stage "build" is already listed at stages[0]\n' +
      "1 error in pipeline.ts\n",
  },
  {
    name: "no-jobs",
    exitCode: 1,
    existingOutput: true,
    stderr:
      "pipeline.ts: jobs: no jobs; a pipeline needs at least one job that runs\n" +
      "1 error in pipeline.ts\n",
  },
  // Usage errors: exit 2, before the pipeline file is even read.
  {
    name: "unknown-need",
    args: ["synth", "--ouput", "ci.yml"],
    exitCode: 2,
    existingOutput: true,
    stderr:
      'pipecraft synth: unknown option --ouput; did you mean "--out"?\n' +
      'Run "pipecraft synth --help" for usage.\n',
  },
  {
    name: "unknown-need",
    args: ["synth", "--stdout", "--check"],
    exitCode: 2,
    stderr:
      "pipecraft synth: --stdout and --check cannot be used together\n" +
      'Run "pipecraft synth --help" for usage.\n',
  },
  {
    name: "unknown-need",
    args: ["synth", "--app", "pipline.ts"],
    exitCode: 2,
    stderr:
      "pipecraft synth: --app file not found: pipline.ts\n" +
      'Run "pipecraft synth --help" for usage.\n',
  },
];
