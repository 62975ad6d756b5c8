import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** GitLab's CI JSON schema in ../shared (beside the repository root); absent in a user's clone. */
export const gitlabSchemaPath = fileURLToPath(
  new URL("../../../../../shared/schemas/gitlab-ci.json", import.meta.url),
);

/** The corpus of GitLab's own CI templates in ../shared. */
export const gitlabTemplatesPath = fileURLToPath(
  new URL("../../../../../shared/corpus/gitlab-templates", import.meta.url),
);

export const hasGitlabSchema = existsSync(gitlabSchemaPath);

/** A JSON schema node, as far as the tests read it. */
export interface JsonSchemaNode {
  $ref?: string;
  properties?: Record<string, JsonSchemaNode>;
  patternProperties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode;
  oneOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
  definitions?: Record<string, JsonSchemaNode>;
}

/** Reads GitLab's schema; call only when `hasGitlabSchema`. */
export function readGitlabSchema(): JsonSchemaNode {
  return JSON.parse(readFileSync(gitlabSchemaPath, "utf8")) as JsonSchemaNode;
}
