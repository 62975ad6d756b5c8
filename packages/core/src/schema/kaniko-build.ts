import { z } from "zod";

/** Registry credentials of a Kaniko build: CI variables on GitLab, a Secret on Kubernetes. */
export const kanikoRegistryAuthSchema = z.strictObject({
  secretName: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Kubernetes: a kubernetes.io/dockerconfigjson Secret mounted as /kaniko/.docker/config.json",
    ),
  registry: z
    .string()
    .min(1)
    .optional()
    .describe("GitLab: the registry host (default $CI_REGISTRY)"),
  usernameVariable: z
    .string()
    .min(1)
    .optional()
    .describe("GitLab: the CI variable holding the user name (default CI_REGISTRY_USER)"),
  passwordVariable: z
    .string()
    .min(1)
    .optional()
    .describe("GitLab: the CI variable holding the password (default CI_REGISTRY_PASSWORD)"),
});

/** What a Kaniko image build does; `kaniko.build()` turns it into a job for every target. */
export const kanikoBuildSchema = z.strictObject({
  context: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Build context: a folder relative to the project directory (default: the project directory), or git://, dir://, s3://, gs:// URL",
    ),
  dockerfile: z
    .string()
    .min(1)
    .optional()
    .describe("Dockerfile path relative to the context (default Dockerfile)"),
  destinations: z.array(z.string().min(1)).min(1).describe("Image references to push"),
  cache: z.boolean().optional().describe("Cache layers in a registry (--cache=true)"),
  cacheRepo: z.string().min(1).optional().describe("Repository for cached layers (--cache-repo)"),
  buildArgs: z.record(z.string(), z.string()).optional().describe("--build-arg NAME=value"),
  target: z.string().min(1).optional().describe("Stage of a multi-stage Dockerfile (--target)"),
  registryAuth: kanikoRegistryAuthSchema.optional(),
  image: z
    .string()
    .min(1)
    .optional()
    .describe("Executor image; GitLab uses its :debug variant (it has a shell)"),
  extraArgs: z.array(z.string().min(1)).optional().describe("More executor flags, passed as-is"),
});

/** A Kaniko build as written. */
export type KanikoBuildInput = z.input<typeof kanikoBuildSchema>;

/** A validated Kaniko build. */
export type KanikoBuild = z.output<typeof kanikoBuildSchema>;
