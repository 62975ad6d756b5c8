import { isTaggedValue } from "@pipecraft/emit";
import { type Diagnostic, error, hasErrors } from "../diagnostics/diagnostic.js";
import { issueDiagnostics } from "../diagnostics/issue-diagnostics.js";
import { issueMessage } from "../diagnostics/issue-message.js";
import { stageOrder } from "../graph/stage-order.js";
import { inputForValidation } from "../inputs/validation-inputs.js";
import { normalizePipeline } from "../normalize.js";
import { type PipelineDefinition, pipelineOptionsSchema } from "../pipeline.js";
import type { Pipeline } from "../schema/index.js";
import { expandTemplates } from "../templates/expand-templates.js";
import { isHiddenJob } from "../templates/is-hidden-job.js";
import { isPlainObject } from "../templates/is-plain-object.js";
import { checkDependencies } from "./check-dependencies.js";
import { checkDeprecatedKeywords } from "./check-deprecated-keywords.js";
import { checkEnvironment } from "./check-environment.js";
import { checkExtends } from "./check-extends.js";
import type { Check, CheckInput } from "./check-input.js";
import { checkJobNames } from "./check-job-names.js";
import { checkJobsExist } from "./check-jobs-exist.js";
import { checkNeeds, checkNeedsCycles, checkNeedsOrder } from "./check-needs.js";
import { checkParallel } from "./check-parallel.js";
import { checkPrototypeKeys } from "./check-prototype-keys.js";
import { checkResolvedReferences } from "./check-resolved-references.js";
import { checkRulesIf } from "./check-rules-if.js";
import { checkScript } from "./check-script.js";
import { checkSecretLiterals } from "./check-secret-literals.js";
import { checkStageList } from "./check-stage-list.js";
import { checkStages } from "./check-stages.js";
import { checkTimeout } from "./check-timeout.js";
import { parsePipeline } from "./parse-pipeline.js";
import { downgradeForIncludes, unresolvedIncludeKinds } from "./unresolved-includes.js";
import { withoutUndefined } from "./without-undefined.js";

/** What `validatePipeline` finds: the model to synthesize (only when there is no error) and every problem. */
export type ValidationResult = {
  pipeline: Pipeline | undefined;
  diagnostics: Diagnostic[];
};

// Each check reports every problem of its kind; all of them run, so one pass shows everything.
const CHECKS: readonly Check[] = [
  checkJobsExist,
  checkJobNames,
  checkExtends,
  checkStageList,
  checkStages,
  checkNeeds,
  checkNeedsOrder,
  checkNeedsCycles,
  checkDependencies,
  checkScript,
  checkTimeout,
  checkParallel,
  checkRulesIf,
  checkEnvironment,
  checkResolvedReferences,
  checkDeprecatedKeywords,
  checkSecretLiterals,
];

/**
 * Checks a pipeline definition (schema, then every semantic check, all in one pass) and, when
 * nothing is an error, normalizes it for the targets. Warnings never block.
 */
export function validatePipeline(definition: PipelineDefinition): ValidationResult {
  if (!isPlainObject(definition) || !("input" in definition)) {
    return {
      pipeline: undefined,
      diagnostics: [
        error("pipeline/not-a-definition", "", "expected the value returned by pipeline({ ... })"),
      ],
    };
  }
  const options = pipelineOptionsSchema.safeParse(definition.options ?? {}, {
    error: issueMessage,
  });
  // `$[[ inputs.name ]]` is interpolated before anything is checked, as GitLab does.
  const checked = inputForValidation(definition.input);
  const parsed = parsePipeline(checked.input);
  const invalidJobs = new Set(
    parsed.names.filter((name) => !Object.hasOwn(parsed.pipeline.jobs, name)),
  );
  // Invalid jobs are checked with their valid keywords (marked incomplete), so that a job with
  // one schema error still gets every other check in the same pass.
  const withPartialJobs = {
    ...parsed.pipeline,
    jobs: inDeclarationOrder(parsed.names, { ...parsed.pipeline.jobs, ...parsed.partialJobs }),
  };
  const expansion = expandTemplates(withPartialJobs, invalidJobs);
  const { jobs: valid, ...writtenTopLevel } = parsed.pipeline;
  const input: CheckInput = {
    names: parsed.names,
    hiddenValues: parsed.hiddenValues,
    hasJobs: isPlainObject(definition.input) && isPlainObject(definition.input.jobs),
    written: inDeclarationOrder(
      parsed.names.filter((name) => !parsed.hiddenValues.has(name)),
      { ...valid, ...parsed.partialJobs },
    ),
    writtenTopLevel,
    expansion,
    running: [...expansion.jobs].filter(([name]) => !isHiddenJob(name)),
    stages: knownStages(definition.input, writtenTopLevel.stages, expansion.topLevel.stages),
  };
  const diagnostics = downgradeForIncludes(
    [
      ...checkPrototypeKeys(definition.input),
      ...checkPrototypeKeys(definition.options, ["options"]),
      ...(options.success
        ? []
        : issueDiagnostics(options.error.issues, definition.options, ["options"])),
      ...checked.diagnostics,
      ...parsed.diagnostics,
      ...expansion.diagnostics,
      ...CHECKS.flatMap((check) => check(input)),
    ],
    unresolvedIncludeKinds(isPlainObject(definition.input) ? definition.input.include : undefined),
  );
  if (hasErrors(diagnostics) || !options.success) return { pipeline: undefined, diagnostics };
  const templates = options.data.templates ?? "expanded";
  if (checked.interpolated) {
    // Valid once interpolated: the output keeps the placeholders, for GitLab to fill in.
    const written = withPlaceholders(definition.input, parsed.pipeline);
    return { pipeline: normalizePipeline(written, templates), diagnostics };
  }
  return { pipeline: normalizePipeline(parsed.pipeline, templates, expansion), diagnostics };
}

// The written input (placeholders kept) in the model's shape: its interpolated form passed the
// schema, and interpolation only replaces strings.
function withPlaceholders(written: unknown, parsed: Pipeline): Pipeline {
  const input = withoutUndefined(written);
  return isPlainObject(input) ? ({ ...parsed, ...input } as Pipeline) : parsed;
}

function inDeclarationOrder<T>(names: readonly string[], byName: Readonly<Record<string, T>>) {
  return Object.fromEntries(
    names.filter((name) => Object.hasOwn(byName, name)).map((name) => [name, byName[name]!]),
  );
}

// The stage order, or undefined when it is unknown: `stages` is invalid, or one of its entries
// is a broken `!reference` (both reported already). Guessing would report valid stages as
// undeclared.
function knownStages(
  rawInput: unknown,
  written: Pipeline["stages"],
  resolved: Pipeline["stages"],
): string[] | undefined {
  const declared = isPlainObject(rawInput) && rawInput.stages !== undefined;
  if (declared && written === undefined) return undefined;
  if (resolved?.some((entry) => isTaggedValue(entry))) return undefined;
  return stageOrder(resolved);
}
