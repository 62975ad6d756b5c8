import { type Pipeline, type PipelineInput, pipeline, validatePipeline } from "@pipecraft/core";

/** A validated pipeline, or a thrown error naming what is wrong with the input. */
export function validated(input: unknown): Pipeline {
  const { pipeline: result, diagnostics } = validatePipeline(pipeline(input as PipelineInput));
  if (result === undefined) throw new Error(JSON.stringify(diagnostics));
  return result;
}

/** Names a job can have that break naive escaping in every output format. */
export const hostileNames = [
  'build "quoted" [x] {y} (z) #1; %%',
  "</script><script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "deploy → prod ✓ 日本",
  "back\\slash 'single' & amp",
] as const;

/** A small pipeline with every mark: matrix, parallel, manual, delayed, on_failure, always, allow_failure, trigger. */
export const markedPipeline = {
  stages: ["build", "test", "deploy", "report"],
  jobs: {
    build: { stage: "build", script: ["make"] },
    lint: { stage: "build", script: ["lint"], allow_failure: true },
    test: {
      stage: "test",
      script: ["test"],
      needs: ["build"],
      parallel: { matrix: [{ NODE: ["20", "22"], DB: ["pg", "mysql"] }] },
    },
    e2e: { stage: "test", script: ["e2e"], needs: ["build"], parallel: 3 },
    deploy: { stage: "deploy", script: ["deploy"], needs: ["test", "e2e"], when: "manual" },
    later: { stage: "deploy", script: ["x"], when: "delayed", start_in: "5 minutes" },
    child: { stage: "deploy", trigger: { include: "child.yml" } },
    notify: { stage: "report", script: ["notify"], when: "on_failure" },
    cleanup: { stage: "report", script: ["rm"], when: "always" },
  },
};
