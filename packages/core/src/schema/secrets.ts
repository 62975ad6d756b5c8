import { z } from "zod";

const providers = [
  "vault",
  "azure_key_vault",
  "gcp_secret_manager",
  "aws_secrets_manager",
  "gitlab_secrets_manager",
] as const;

/** One entry of `secrets`: where the secret comes from, exposed as a file or a variable. */
export const secretSchema = z
  .strictObject({
    vault: z
      .union([
        z.string().describe("path/to/secret/field@engine"),
        z.strictObject({
          engine: z.strictObject({ name: z.string(), path: z.string() }),
          path: z.string(),
          field: z.string(),
        }),
      ])
      .optional(),
    gcp_secret_manager: z
      .strictObject({ name: z.string(), version: z.union([z.string(), z.int()]).optional() })
      .optional(),
    azure_key_vault: z
      .strictObject({ name: z.string(), version: z.string().optional() })
      .optional(),
    aws_secrets_manager: z
      .union([
        z.string(),
        z.strictObject({
          secret_id: z.string(),
          version_id: z.string().optional(),
          version_stage: z.string().optional(),
          region: z.string().optional(),
          role_arn: z.string().optional(),
          role_session_name: z.string().optional(),
          field: z.string().optional(),
        }),
      ])
      .optional(),
    gitlab_secrets_manager: z
      .strictObject({
        name: z.string().regex(/^[a-zA-Z0-9_]+$/),
        source: z.string().optional(),
      })
      .optional(),
    file: z.boolean().optional().describe("false: the variable holds the value, not a file path"),
    token: z.string().optional().describe("The id_tokens entry used to authenticate"),
  })
  .refine((secret) => providers.some((provider) => secret[provider] !== undefined), {
    message: `name a provider: ${providers.join(", ")}`,
  })
  .refine((secret) => secret.gcp_secret_manager === undefined || secret.token !== undefined, {
    message: "gcp_secret_manager needs `token`",
    path: ["token"],
  });

/** `secrets`: CI/CD variable name → external secret. */
export const secretsSchema = z.record(z.string(), secretSchema);
