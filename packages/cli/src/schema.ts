// `pipecraft/schema`: the zod schemas of the model, for those who validate or extend a piece of a
// pipeline themselves (`jobSchema.safeParse(value)`). They are the single source of the types that
// `pipecraft` exports, but not part of writing a pipeline, so they stay out of the main entry.
// The list is written once, in core's src/schema/index.ts, and pinned by test/exports.test.ts.
export * from "@pipecraft/core/schema";
