import { load } from "js-yaml";
import type { Pipeline } from "pipecraft";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCiRepository,
  type ListedJob,
  listJobs,
  previewConfiguration,
  removeCiRepository,
  validateDependencyChain,
} from "./gitlab-ci-local.js";
import {
  effectiveStages,
  modelJobShapes,
  neededJobNames,
  previewJobShapes,
  runtimeJobNames,
  stageOf,
} from "./job-graph.js";
import { loadModel } from "./load-model.js";
import { runPipecraft } from "./pipecraft-cli.js";
import {
  committedPipelines,
  dynamicChildPipeline,
  type PipelineSource,
  readCommittedOutput,
} from "./pipeline-sources.js";

/** The generated YAML of a source: its committed file, or synthesized now for a CI-time file. */
async function generatedYaml(source: PipelineSource): Promise<string> {
  if (source.committedOutput !== undefined) return readCommittedOutput(source);
  const result = await runPipecraft(
    ["synth", "--stdout", "--app", source.app],
    source.dir,
    source.env,
  );
  if (result.exitCode !== 0) throw new Error(`synth ${source.label} failed: ${result.stderr}`);
  return result.stdout;
}

describe.each([...committedPipelines, dynamicChildPipeline])(
  "gitlab-ci-local 4.73.0 reads $label as pipecraft does",
  (source) => {
    let repo = "";
    let model: Pipeline;

    beforeAll(async () => {
      model = await loadModel(source);
      repo = await createCiRepository({ ".gitlab-ci.yml": await generatedYaml(source) });
    });
    afterAll(async () => {
      if (repo !== "") await removeCiRepository(repo);
    });

    it("--preview: same stages, jobs, stages of jobs and needs", async () => {
      const preview = load(await previewConfiguration(repo)) as Record<string, unknown>;
      expect(preview.stages).toEqual(effectiveStages(model));
      expect(previewJobShapes(preview)).toEqual(modelJobShapes(model));
    });

    it("--list-json: every job (parallel and matrix expanded) in its stage with its needs", async () => {
      const listed = await listJobs(repo);
      const expected = Object.entries(model.jobs)
        .filter(([name]) => !name.startsWith("."))
        .flatMap(([name, job]) =>
          runtimeJobNames(name, job).map((runtimeName) => ({
            name: runtimeName,
            stage: stageOf(name, job),
            needs: neededJobNames(job.needs),
          })),
        );
      const actual = listed.map((job: ListedJob) => ({
        name: job.name,
        stage: job.stage,
        needs: neededJobNames(job.needs),
      }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect(actual.sort(byName)).toEqual(expected.sort(byName));
    });

    it("--validate-dependency-chain: every needed job exists and is active", async () => {
      await expect(validateDependencyChain(repo)).resolves.toContain(
        "All job dependencies are valid",
      );
    });
  },
);
