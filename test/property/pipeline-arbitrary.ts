import fc from "fast-check";
import type { JobInput, PipelineInput, PipelineJob } from "pipecraft";

/** A generated job: any name and stage (checked at run time), no `extends`. */
type GeneratedJob = PipelineJob<string, string, never>;

/** What the generator produces: the argument of `pipeline()` for a pipeline built at run time. */
export type GeneratedPipelineInput = Omit<PipelineInput, "jobs" | "stages"> & {
  stages: string[];
  jobs: Record<string, GeneratedJob>;
};

// Names GitLab reads as top-level keywords (or that gitlab-ci-local refuses as job names).
const reservedNames = new Set([
  "spec",
  "stages",
  "variables",
  "default",
  "workflow",
  "include",
  "image",
  "services",
  "cache",
  "before_script",
  "after_script",
  "types",
  "pages",
  "true",
  "false",
  "nil",
]);

/** Characters that break naive YAML writers: indicators, quotes, escapes, line breaks, non-ASCII. */
const awkwardCharacters = [
  ":",
  " ",
  "#",
  "'",
  '"',
  "\\",
  "\n",
  "\t",
  "\r",
  "-",
  "?",
  "|",
  ">",
  "&",
  "*",
  "!",
  "%",
  "@",
  "`",
  "{",
  "}",
  "[",
  "]",
  ",",
  "~",
  "$",
  "\u00e9",
  "\u2028",
  "\u00a0",
  "\ufeff",
  "\u0007",
  "\ud83d\ude80",
];

/** Whole strings that YAML 1.1 or 1.2 would read as something other than a string. */
const lookalikeStrings = [
  "",
  " ",
  "yes",
  "No",
  "on",
  "OFF",
  "y",
  "n",
  "true",
  "False",
  "null",
  "~",
  "Null",
  "0",
  "0123",
  "0x1F",
  "0o17",
  "1e3",
  "1_000",
  ".5",
  "-.inf",
  ".NaN",
  "12:30:00",
  "2024-01-01",
  "<<",
  "=",
  "- item",
  "key: value",
  "# comment",
  "!reference [a, b]",
  "*alias",
  "&anchor",
  "%TAG",
  "---",
  "...",
  "a # b",
  "trailing ",
  " leading",
  "line\n",
  "\n",
  "two\n\n",
  "tab\there",
];

/** Strings chosen to stress quoting: look-alikes of other YAML types, awkward characters, plain text. */
export const awkwardString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...lookalikeStrings),
  fc.string({ unit: fc.constantFrom(...awkwardCharacters), maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 16 }),
  fc.string({ maxLength: 16 }),
);

const identifier = fc.stringMatching(/^[a-z][a-z0-9]{0,7}(?:[-_][a-z0-9]{1,6})?$/);

/** A job name GitLab accepts: letters, digits, spaces, `-`, `_`, `:` and `/`, not a keyword. */
export const jobName: fc.Arbitrary<string> = fc
  .stringMatching(/^[a-z][a-z0-9]{0,6}(?:[-_:/ ][a-z0-9]{1,6}){0,2}$/)
  // Not a keyword, and not a name GitLab gives the copies of a parallel job (`test 1/3`).
  .filter((name) => !reservedNames.has(name) && !/ \d+\/\d+$/.test(name));

const variableName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,11}$/);

/** Values of `variables`: mostly awkward strings, sometimes numbers, booleans or the object form. */
const variableValue: fc.Arbitrary<string | number | boolean | { value: string; expand: boolean }> =
  fc.oneof(
    { weight: 6, arbitrary: awkwardString },
    { weight: 1, arbitrary: fc.integer({ min: -1000, max: 100000 }) },
    { weight: 1, arbitrary: fc.boolean() },
    {
      weight: 1,
      arbitrary: fc.record({ value: awkwardString, expand: fc.boolean() }),
    },
  );

const variables = fc.dictionary(variableName, variableValue, { maxKeys: 4 });

/** One shell command: one line, or several (multi-line scripts, trailing newlines, indentation). */
const scriptLine: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^(?:echo|make|npm run|test -f|printf '%s')[ a-z0-9.$_\-/"']{0,20}$/),
  fc
    .array(fc.oneof(awkwardString, fc.constantFrom("  indented", "", "\tcd dir", "done")), {
      minLength: 2,
      maxLength: 4,
    })
    .map((lines) => lines.join("\n")),
  awkwardString.filter((line) => line.trim() !== ""),
);

const script = fc.array(scriptLine, { minLength: 1, maxLength: 4 });

/** A `rules:if` expression over `$VARIABLES` (no `${}`: GitLab does not expand it there). */
const ifExpression: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(variableName, fc.constantFrom("==", "!="), fc.stringMatching(/^[a-z0-9 ._:/-]{0,12}$/))
    .map(([name, operator, value]) => `$${name} ${operator} "${value}"`),
  fc
    .tuple(variableName, fc.stringMatching(/^[a-z0-9]{1,8}$/))
    .map(([name, pattern]) => `$${name} =~ /^${pattern}/`),
  variableName.map((name) => `$${name}`),
  fc.constantFrom(
    '$CI_PIPELINE_SOURCE == "merge_request_event"',
    "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
    "$CI_COMMIT_TAG && $CI_COMMIT_TAG =~ /^v\\d+/",
    '$CI_COMMIT_MESSAGE =~ /skip tests/ || $CI_COMMIT_REF_NAME == "main"',
  ),
);

const globPath = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}(?:\/[a-z0-9_*.-]{1,8}){0,2}\/?$/);

const rule = fc.record(
  {
    if: ifExpression,
    changes: fc.array(globPath, { minLength: 1, maxLength: 3 }),
    when: fc.constantFrom("on_success", "manual", "always", "never"),
    allow_failure: fc.boolean(),
    variables: fc.dictionary(variableName, awkwardString, { maxKeys: 2 }),
  },
  { requiredKeys: ["if"] },
);

const artifacts = fc.record(
  {
    paths: fc.array(globPath, { minLength: 1, maxLength: 3 }),
    expire_in: fc.constantFrom("1 hour", "1 week", "30 days", "never"),
    when: fc.constantFrom("on_success", "on_failure", "always"),
    name: fc.stringMatching(/^[a-z][a-z0-9_$-]{0,15}$/),
    reports: fc.record({ junit: fc.constantFrom("junit.xml", "reports/junit-*.xml") }),
  },
  { requiredKeys: ["paths"] },
);

const cache = fc.record(
  {
    key: fc.oneof(
      fc.stringMatching(/^[a-z][a-z0-9_$-]{0,15}$/),
      fc.record({ files: fc.uniqueArray(globPath, { minLength: 1, maxLength: 2 }) }),
    ),
    paths: fc.array(globPath, { minLength: 1, maxLength: 2 }),
    policy: fc.constantFrom("pull-push", "pull", "push"),
  },
  { requiredKeys: ["key", "paths"] },
);

/** `parallel`: a count, or a matrix of at most 200 combinations. */
const parallel: fc.Arbitrary<NonNullable<JobInput["parallel"]>> = fc.oneof(
  fc.integer({ min: 2, max: 200 }),
  fc
    .array(
      fc.dictionary(
        variableName,
        fc.oneof(
          fc.stringMatching(/^[a-z0-9][a-z0-9.:-]{0,8}$/),
          fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9.:-]{0,8}$/), {
            minLength: 1,
            maxLength: 4,
          }),
        ),
        { minKeys: 1, maxKeys: 3 },
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((matrix) => ({ matrix })),
);

/** The optional parts of a job, each present or not. */
const jobExtras = fc.record(
  {
    variables,
    rules: fc.array(rule, { minLength: 1, maxLength: 3 }),
    before_script: script,
    after_script: script,
    artifacts,
    cache,
    parallel,
    image: fc.constantFrom("alpine:3.20", "node:22-alpine", "registry.example.com/team/ci:1.2.3"),
    allow_failure: fc.boolean(),
    timeout: fc.constantFrom("10m", "1h 30m"),
    retry: fc.integer({ min: 0, max: 2 }),
    interruptible: fc.boolean(),
    tags: fc.uniqueArray(identifier, { minLength: 1, maxLength: 2 }),
    environment: fc.record({
      name: identifier,
      url: identifier.map((host) => `https://${host}.example.com`),
    }),
    resource_group: identifier,
  },
  { requiredKeys: [] },
);

interface JobSkeleton {
  name: string;
  stageIndex: number;
  /** Indices (into the job list) of jobs this one needs: earlier jobs, in the same or an earlier stage. */
  needs: number[];
}

/** Job names, stages and needs that respect stage order and form no cycle. */
function jobSkeletons(stageCount: number): fc.Arbitrary<JobSkeleton[]> {
  return fc
    .uniqueArray(jobName, { minLength: 1, maxLength: 8 })
    .chain((names) =>
      fc.tuple(
        fc.constant(names),
        fc.array(fc.integer({ min: 0, max: stageCount - 1 }), {
          minLength: names.length,
          maxLength: names.length,
        }),
        fc.array(fc.array(fc.nat(), { maxLength: 3 }), {
          minLength: names.length,
          maxLength: names.length,
        }),
        fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
      ),
    )
    .map(([names, stageIndices, needPicks, hasNeeds]) => {
      // Sorting by stage makes "an earlier job" mean "same or earlier stage": needs then
      // point backwards only, which rules out cycles and later-stage needs by construction.
      const order = names
        .map((name, index) => ({ name, stageIndex: stageIndices[index] ?? 0 }))
        .sort((a, b) => a.stageIndex - b.stageIndex);
      return order.map((job, index): JobSkeleton => {
        const candidates = order.slice(0, index).map((_, candidate) => candidate);
        const picks = needPicks[index] ?? [];
        const needs =
          hasNeeds[index] === true && candidates.length > 0
            ? [...new Set(picks.map((pick) => candidates[pick % candidates.length] ?? 0))]
            : [];
        return { ...job, needs };
      });
    });
}

/** A random pipeline that pipecraft must accept, synthesize and read back unchanged. */
export const validPipelineInput: fc.Arbitrary<GeneratedPipelineInput> = fc
  .uniqueArray(identifier, { minLength: 1, maxLength: 5 })
  .filter((stages) => !stages.some((stage) => stage.startsWith(".")))
  .chain((stages) =>
    fc.record({
      stages: fc.constant(stages),
      skeletons: jobSkeletons(stages.length),
      variables: fc.option(variables, { nil: undefined }),
      defaultKeywords: fc.option(
        fc.record(
          {
            image: fc.constantFrom("alpine:3.20", "node:22"),
            before_script: script,
            interruptible: fc.boolean(),
          },
          { requiredKeys: ["image"] },
        ),
        { nil: undefined },
      ),
      workflowRules: fc.option(
        fc.array(fc.record({ if: ifExpression }), { minLength: 1, maxLength: 2 }),
        {
          nil: undefined,
        },
      ),
      bodies: fc.array(fc.tuple(script, jobExtras, fc.boolean()), { minLength: 8, maxLength: 8 }),
    }),
  )
  .map(({ stages, skeletons, variables, defaultKeywords, workflowRules, bodies }) => {
    const jobs: Record<string, GeneratedJob> = {};
    skeletons.forEach((skeleton, index) => {
      const [jobScript, extras, needsAsObjects] = bodies[index] ?? [["true"], {}, false];
      const needNames = skeleton.needs.map((need) => skeletons[need]?.name ?? "");
      const job: GeneratedJob = {
        stage: stages[skeleton.stageIndex],
        ...extras,
        script: jobScript,
      };
      if (needNames.length > 0 || index % 3 === 1) {
        job.needs = needsAsObjects
          ? needNames.map((name) => ({ job: name, artifacts: index % 2 === 0 }))
          : needNames;
      }
      jobs[skeleton.name] = job;
    });
    const input: GeneratedPipelineInput = { stages, jobs };
    if (variables !== undefined) input.variables = variables;
    if (defaultKeywords !== undefined) input.default = defaultKeywords;
    if (workflowRules !== undefined) input.workflow = { rules: workflowRules };
    return input;
  });
