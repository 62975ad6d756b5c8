import { z } from "zod";
import { allowFailureSchema } from "./allow-failure.js";
import { rulesNeedsSchema } from "./needs.js";
import { nestedListSchema } from "./nested-list.js";
import { orReference, referenceValueSchema } from "./reference-value.js";
import { rulesVariablesSchema } from "./variables.js";
import { startInSchema, whenSchema } from "./when.js";

/** `rules[].if`: a CI/CD variable expression. */
export const ifSchema = z.string();

const pathsOrRegexp = (value: { paths?: unknown; regexp?: unknown }) =>
  (value.paths === undefined) !== (value.regexp === undefined);
const pathsOrRegexpMessage = { message: "give exactly one of `paths` or `regexp`" };

/** `rules[].changes`: a list of globs, or `{ paths | regexp, compare_to }`. */
export const changesSchema = orReference(
  z.union([
    z.array(z.string()),
    z
      .strictObject({
        paths: z.array(z.string()).optional(),
        regexp: z.string().max(255).optional(),
        compare_to: z.string().optional().describe("Ref to diff against"),
      })
      .refine(pathsOrRegexp, pathsOrRegexpMessage),
  ]),
);

/** `rules[].exists`: a list of globs, or `{ paths | regexp, project, ref }`. */
export const existsSchema = orReference(
  z.union([
    z.array(z.string()),
    z
      .strictObject({
        paths: z.array(z.string()).optional(),
        regexp: z.string().max(255).optional(),
        project: z.string().optional(),
        ref: z.string().optional(),
      })
      .refine(pathsOrRegexp, pathsOrRegexpMessage)
      .refine((value) => value.ref === undefined || value.project !== undefined, {
        message: "`ref` needs `project`",
        path: ["ref"],
      }),
  ]),
);

/** The conditions every kind of rule shares: `if`, `changes`, `exists`. */
export const ruleConditionsSchema = z.strictObject({
  if: ifSchema.optional(),
  changes: changesSchema.optional(),
  exists: existsSchema.optional(),
});

/** One job rule: conditions plus what changes when it matches. */
export const jobRuleSchema = ruleConditionsSchema.extend({
  when: whenSchema.optional(),
  start_in: startInSchema.optional(),
  allow_failure: allowFailureSchema.optional(),
  variables: rulesVariablesSchema.optional(),
  needs: rulesNeedsSchema.optional(),
  interruptible: z.boolean().optional(),
});

/** Job `rules`: the first matching rule decides whether and how the job runs. */
export const jobRulesSchema = orReference(
  nestedListSchema(z.union([jobRuleSchema, referenceValueSchema])),
)
  .nullable()
  .describe("Evaluated in order; the first match wins");

/** `include[].rules`: decide whether a file is included. */
export const includeRulesSchema = orReference(
  z.array(
    z.union([
      ruleConditionsSchema.extend({ when: z.enum(["never", "always"]).nullable().optional() }),
      referenceValueSchema,
    ]),
  ),
).nullable();
