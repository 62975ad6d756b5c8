// Here, not in packages/kubernetes: a `kaniko.build()` job is pipeline input, validated by core.
import { z } from "zod";

// A CI variable named by `usernameVariable`/`passwordVariable`: the script refers to it as
// "${NAME}", so only a shell variable name fits.
const variableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a variable name: letters, digits and '_'");

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
    // It becomes a JSON key inside a double-quoted shell word; only `$VAR` references expand.
    .regex(/^[^\s"\\`]+$/, "expected a registry host without spaces, quotes or backslashes")
    .optional()
    .describe("GitLab: the registry host (default $CI_REGISTRY)"),
  usernameVariable: variableNameSchema
    .optional()
    .describe("GitLab: the CI variable holding the user name (default CI_REGISTRY_USER)"),
  passwordVariable: variableNameSchema
    .optional()
    .describe("GitLab: the CI variable holding the password (default CI_REGISTRY_PASSWORD)"),
});

// The URL schemes Kaniko reads a build context from (`--context`).
const kanikoContextSchemes = ["dir", "git", "s3", "gs", "https", "tar"];

const urlPattern = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const knownUrlPattern = new RegExp(`^(${kanikoContextSchemes.join("|")})://`);
const schemeList = kanikoContextSchemes.map((scheme) => `${scheme}://`).join(", ");

const contextSchema = z
  .string()
  .min(1)
  .refine((value) => !urlPattern.test(value) || knownUrlPattern.test(value), {
    message: `unknown context URL scheme; expected a folder or one of ${schemeList}`,
  })
  .refine((value) => !value.startsWith("dir://") || value.startsWith("dir:///"), {
    message: "expected dir:// followed by an absolute path, e.g. dir:///workspace/app",
  })
  .refine((value) => urlPattern.test(value) || !value.startsWith("/"), {
    message:
      "expected a folder relative to the project directory; write dir:///path for an absolute one",
  })
  .refine(
    (value) => urlPattern.test(value) || value.startsWith("/") || !value.split("/").includes(".."),
    { message: "must stay inside the project directory (no '..')" },
  );

const buildArgNameMessage =
  "expected an ARG name: letters, digits, '_' and '-', not starting with a digit or '-'";

const buildArgsSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, buildArgNameMessage),
  z.string(),
  { error: (issue) => (issue.code === "invalid_key" ? buildArgNameMessage : undefined) },
);

/** What a Kaniko image build does; `kaniko.build()` turns it into a job for every target. */
export const kanikoBuildSchema = z
  .strictObject({
    context: contextSchema
      .optional()
      .describe(
        "Build context: a folder relative to the project directory (default: the project directory), or a dir:///, git://, s3://, gs://, https:// or tar:// URL",
      ),
    dockerfile: z
      .string()
      .min(1)
      .optional()
      .describe("Dockerfile path relative to the context (default Dockerfile)"),
    destinations: z
      .array(z.string().min(1))
      .min(1, "expected at least one image reference")
      .describe("Image references to push; $VAR references expand on every target"),
    cache: z
      .boolean()
      .optional()
      .describe("Cache layers in a registry (--cache=true); on by default when cacheRepo is set"),
    cacheRepo: z.string().min(1).optional().describe("Repository for cached layers (--cache-repo)"),
    buildArgs: buildArgsSchema.optional().describe("--build-arg NAME=value, in the order written"),
    target: z.string().min(1).optional().describe("Stage of a multi-stage Dockerfile (--target)"),
    registryAuth: kanikoRegistryAuthSchema
      .optional()
      .describe(
        "Write registry credentials for the executor. Without it, Kaniko's own GitLab helper still logs in to $CI_REGISTRY",
      ),
    image: z
      .string()
      .min(1)
      .optional()
      .describe("Executor image on Kubernetes; also used on GitLab when debugImage is not set"),
    debugImage: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Executor image with a shell, for GitLab; also used on Kubernetes when image is not set",
      ),
    extraArgs: z.array(z.string().min(1)).optional().describe("More executor flags, passed as-is"),
  })
  .refine((build) => build.cache !== false || build.cacheRepo === undefined, {
    message: "a cache repository needs the cache; remove cache: false or cacheRepo",
    path: ["cacheRepo"],
  });

/** A Kaniko build as written. */
export type KanikoBuildInput = z.input<typeof kanikoBuildSchema>;

/** A validated Kaniko build. */
export type KanikoBuild = z.output<typeof kanikoBuildSchema>;
