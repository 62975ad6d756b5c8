/**
 * Every diagnostic code pipecraft reports, with one line on what it means. Codes are stable: the
 * runtime, `graph`, `import` and tests match on them, while the message wording may improve.
 * A code is `area/problem`; the README's "Diagnostic codes" table is checked against this list.
 */
export const DIAGNOSTIC_CODES = {
  // The input as a whole.
  "pipeline/not-a-definition": "the value given is not what `pipeline({ ... })` returns",
  // zod schema issues, one code per kind of issue (see `issueCode`).
  "schema/invalid-type":
    "a value of the wrong kind (a string where a list is expected), or missing",
  "schema/invalid-value": "a value outside the allowed set (`when: manually`)",
  "schema/invalid-format": "a string that does not have the required form (a pattern, a URL)",
  "schema/unknown-key": "a keyword or option that does not exist (`scirpt`)",
  "schema/invalid-key": "a key that may not be used as a name (a reserved job name)",
  "schema/too-small": "empty, too short, too few entries, or a number below its minimum",
  "schema/too-big": "too long, too many entries, or a number above its maximum",
  "schema/not-multiple-of": "a number that is not a multiple of the required step",
  "schema/constraint": "a rule the schema states itself, beyond the type (a refinement)",
  "keyword/removed": "a keyword GitLab has removed; the message says what replaces it",
  "keyword/deprecated":
    "a keyword GitLab has deprecated but accepts, e.g. a global `image` (a warning)",
  "schema/prototype-key": "`__proto__` as a name, which JavaScript objects would silently drop",
  // Job names.
  "jobs/none": "no job that runs (a warning for a library of hidden templates or a workflow)",
  "job-name/spaces-collision": "two job names that differ only in leading or trailing spaces",
  "job-name/case-collision": "two job names that differ only in case (a warning)",
  "job-name/generated-collision": "a job name equal to a copy GitLab generates from `parallel`",
  "job-name/yaml-value": "a job named `true`, `false` or `nil` (a warning)",
  // `extends` and `!reference`.
  "extends/unknown-base": "`extends` names no job or template",
  "extends/not-a-job": "`extends` names a hidden key that holds something other than a job",
  "extends/cycle": "jobs that extend each other in a cycle",
  "extends/too-deep": "an `extends` chain longer than GitLab allows (11 levels)",
  "reference/invalid": "a `!reference` that is not a list of names",
  "reference/not-found": "a `!reference` to a job, keyword or key that does not exist",
  "reference/cycle": "`!reference`s that point at each other in a cycle",
  // `include: local`, merged by the GitLab reader.
  "include/not-found": "an `include: local` path or wildcard that matches no file",
  "include/cycle": "files that include each other in a cycle",
  "include/too-many": "more included files than GitLab allows (150)",
  "include/fetch-failed":
    "`validate --resolve-includes` could not fetch a remote or template include",
  // The YAML of a `.gitlab-ci.yml`, read by the GitLab reader.
  "yaml/duplicate-key": "a key repeated in one mapping; GitLab keeps the last one (a warning)",
  // `spec:inputs` and `$[[ inputs.name ]]`.
  "inputs/unknown": "an input given that the file does not declare",
  "inputs/missing": "a declared input without a default that is not given",
  "inputs/invalid": "an input value of the wrong type, not in `options`, or not matching `regex`",
  "inputs/unknown-placeholder": "`$[[ inputs.name ]]` for an input the file does not declare",
  // Stages.
  "stages/duplicate": "a stage listed twice in `stages`",
  "stages/undeclared": "a job in a stage that `stages` does not declare",
  // `needs` and `dependencies`.
  "needs/unknown-job": "`needs` names no job (a warning for an optional need)",
  "needs/hidden-job": "`needs` names a hidden template, which never runs",
  "needs/duplicate": "a job listed twice in one `needs`",
  "needs/too-many": "more `needs` entries than GitLab allows (50)",
  "needs/self": "a job that needs itself",
  "needs/later-stage": "a job that needs a job of a later stage",
  "needs/cycle": "jobs that need each other in a cycle",
  "dependencies/unknown-job": "`dependencies` names no job",
  "dependencies/hidden-job": "`dependencies` names a hidden template, which never runs",
  "dependencies/self": "a job that depends on itself",
  "dependencies/later-stage": "a dependency on a job of a later stage",
  "dependencies/not-needed": "in a job with `needs`, a dependency that is not also needed",
  // Job content.
  "script/missing": "a job with nothing to run: no `script`, `trigger` or `run`",
  "timeout/invalid": "a `timeout` that is not a duration",
  "timeout/too-long": "a `timeout` over GitLab's maximum (1 month)",
  "variables/literal-secret":
    "a variable whose literal value looks like a credential (a token, a password; a warning)",
  "parallel/out-of-range": "`parallel: N` outside 1..200",
  "parallel/matrix-too-large": "a `parallel: matrix` that generates more than 200 jobs",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell syntax itself, not a placeholder
  "rules/braced-variable": "`${VAR}` in `rules:if`, which GitLab does not expand",
  "rules/invalid-expression": "a `rules:if` or `only:variables` expression GitLab cannot parse",
  "rules/invalid-regexp": "a `changes:regexp` or `exists:regexp` that is not a valid pattern",
  "rules/evaluation-problem":
    "an expression that parses but cannot be evaluated as written (a warning)",
  "rules/unresolved-reference": "a `!reference` left in rules when jobs are selected",
  "rules/unknown-condition":
    "a condition whose input was not given (files, a diff), assumed (a warning)",
  "environment/no-name": "an `environment` without a name",
  "environment/unknown-stop-job": "`environment:on_stop` names no job",
  "environment/hidden-stop-job": "`environment:on_stop` names a hidden template",
  "environment/stop-job-without-environment": "an `on_stop` job that names no environment",
  "environment/stop-job-other-environment": "an `on_stop` job that stops another environment",
  // The Kubernetes and Kaniko targets.
  "kubernetes/skipped-keyword": "a keyword with no Kubernetes meaning, left out (a warning)",
  "kubernetes/unmapped-tag": "a runner tag with no `kubernetes.tags` mapping (a warning)",
  "kubernetes/no-image": "a job without an image (Kubernetes has no runner default)",
  "kubernetes/git-clone-path":
    "a GIT_CLONE_PATH outside CI_BUILDS_DIR, or with a variable a run cannot know in advance",
  "kubernetes/restricted-kaniko":
    'a Kaniko build under `podSecurity: "restricted"` (it runs as root)',
  "kubernetes/non-numeric-user": "an image user that is not a number (`runAsUser`)",
  "kubernetes/secret-with-literal": "a variable that is both a secret and a literal value",
  "kubernetes/invalid-service-alias": "a service alias that cannot name a container",
  "kubernetes/service-alias-collision": "two services of a job that get one container name",
  "kubernetes/name-collision": "two jobs that get one Kubernetes object name",
  "kubernetes/invalid-variable-name": "a variable name the API server rejects in `env`",
  "kubernetes/secret-variable-clash":
    "a name in both `kubernetes.secrets` and `kubernetes.variables`",
  "kubernetes/no-pipeline":
    "`workflow:rules` create no pipeline for the given variables (a warning)",
  "kubernetes/need-not-created":
    "a `needs` entry on a job that the given variables do not create (not `optional`)",
  "kubernetes/need-skipped-job":
    "a `needs` entry on a job left out of Kubernetes with `kubernetes.skip` (not `optional`)",
  // The GitLab target.
  // `pipecraft import` (a .gitlab-ci.yml read into a pipeline.ts).
  "import/yaml-syntax": "a `.gitlab-ci.yml` that is not valid YAML",
  "import/unsupported-yaml":
    "YAML that GitLab would not read or a pipeline.ts cannot hold (a custom tag, a list as key)",
  "import/duplicate-key": "a key written twice in one mapping; the last one wins (a warning)",
  "import/include-outside-project":
    "an `include: local` path that leaves the project (`../`), which `pipecraft import` cannot read",
  "import/include-kept":
    "an `include: local` with `rules`, `inputs` or a `spec` header, kept as an include, not imported as a module (a warning)",
  "gitlab/yaml-too-large": "generated YAML over GitLab's default 2 MiB limit (a warning)",
} as const satisfies Readonly<Record<string, string>>;

/** A known diagnostic code, e.g. `needs/unknown-job`: a misspelt code is a type error. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
