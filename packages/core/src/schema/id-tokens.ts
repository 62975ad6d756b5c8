import { z } from "zod";

/** `id_tokens`: variable name → OIDC token for the given audience(s). */
export const idTokensSchema = z.record(
  z.string(),
  z.strictObject({ aud: z.union([z.string(), z.array(z.string()).min(1)]) }),
);

/** `identity`: the cloud identity federation to use. */
export const identitySchema = z.enum(["google_cloud"]);
