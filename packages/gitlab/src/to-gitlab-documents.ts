import type { Pipeline } from "@pipecraft/core";
import type { YamlValue } from "@pipecraft/emit";
import { orderJobKeys } from "./job-key-order.js";
import { isTopLevelKeyword, TOP_LEVEL_KEY_ORDER } from "./top-level-keywords.js";
import { withoutKubernetes } from "./without-kubernetes.js";

/**
 * The documents of a `.gitlab-ci.yml` for `pipeline`: a `spec` header document when the
 * pipeline declares inputs, then the main document. Jobs keep the order they were given in,
 * hidden `.templates` included: that order is the author's, and GitLab does not care.
 * pipecraft's `kubernetes:` blocks (top level, `default`, jobs) are left out.
 */
export function toGitlabDocuments(pipeline: Pipeline): YamlValue[] {
  const main: Record<string, YamlValue> = {};
  for (const key of TOP_LEVEL_KEY_ORDER) {
    const value =
      key === "default"
        ? pipeline.default && orderJobKeys(withoutKubernetes(pipeline.default))
        : pipeline[key];
    if (value !== undefined) main[key] = value;
  }
  for (const [name, job] of Object.entries(pipeline.jobs)) {
    // The model rules this out; checked here too because the job would silently replace the keyword.
    if (isTopLevelKeyword(name))
      throw new Error(`jobs.${name}: a job cannot be named like a top-level keyword`);
    // Imported YAML may keep a bare anchor under a hidden key (`.helpers: &helpers |`): only
    // mappings are jobs whose keys can be ordered; anything else is written as it is.
    main[name] =
      typeof job === "object" && !Array.isArray(job) ? orderJobKeys(withoutKubernetes(job)) : job;
  }
  return pipeline.spec === undefined ? [main] : [{ spec: pipeline.spec }, main];
}
