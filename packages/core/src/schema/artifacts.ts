import { z } from "zod";
import { orReference } from "./reference-value.js";

const fileListSchema = z.union([z.string(), z.array(z.string())]);

/** `artifacts.reports`: files GitLab parses and shows in merge requests, one key per report kind. */
export const artifactsReportsSchema = z.strictObject({
  accessibility: z.string().optional(),
  annotations: z.string().optional(),
  api_fuzzing: fileListSchema.optional(),
  browser_performance: z.string().optional(),
  codequality: fileListSchema.optional(),
  container_scanning: fileListSchema.optional(),
  coverage_report: z
    .strictObject({
      coverage_format: z.enum(["cobertura", "jacoco"]).optional(),
      path: z.string().min(1).optional(),
    })
    .nullable()
    .optional(),
  coverage_fuzzing: fileListSchema.optional(),
  cyclonedx: fileListSchema.optional(),
  dast: fileListSchema.optional(),
  dependency_scanning: fileListSchema.optional(),
  dotenv: fileListSchema.optional(),
  junit: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  license_management: fileListSchema.optional(),
  license_scanning: fileListSchema.optional(),
  load_performance: fileListSchema.optional(),
  lsif: fileListSchema.optional(),
  metrics: fileListSchema.optional(),
  repository_xray: fileListSchema.optional(),
  requirements: fileListSchema.optional(),
  sarif: fileListSchema.optional(),
  sast: fileListSchema.optional(),
  secret_detection: fileListSchema.optional(),
  terraform: fileListSchema.optional(),
});

/** `artifacts`: files kept after the job and passed to later jobs. */
export const artifactsSchema = orReference(
  z.strictObject({
    paths: z.array(z.string()).min(1).optional(),
    exclude: z.array(z.string()).min(1).optional(),
    expose_as: z.string().optional().describe("Link label in merge requests"),
    name: z.string().optional(),
    untracked: z.boolean().optional(),
    when: z.enum(["on_success", "on_failure", "always"]).optional(),
    access: z.enum(["none", "developer", "maintainer", "all"]).optional(),
    expire_in: z.string().optional().describe('e.g. "1 week"; "never" keeps them'),
    reports: artifactsReportsSchema.optional(),
    public: z.boolean().optional().describe("Superseded by `access`; false = members only"),
  }),
).nullable();
