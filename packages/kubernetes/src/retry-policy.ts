import type { Job } from "@pipecraft/core";
import type { V1JobSpec, V1PodFailurePolicy } from "@pipecraft/core/kubernetes-types";
import { plainValue } from "./plain-value.js";

/** The Job spec fields that carry a job's `retry`. */
export type RetryFields = Pick<
  V1JobSpec,
  "backoffLimit" | "backoffLimitPerIndex" | "podFailurePolicy"
>;

/**
 * `retry` as Kubernetes retries: `max` becomes the backoff limit (per index for `parallel: N`,
 * where GitLab retries each copy on its own). A pod failure policy stops retrying what GitLab
 * would not retry: exit codes outside `exit_codes`, or any script failure when `when` leaves
 * script failures out. Without `retry` the limit is 0 (Kubernetes' own default would be 6).
 */
export function retryFields(
  retry: Job["retry"],
  containerName: string,
  indexed: boolean,
): RetryFields {
  const value = plainValue(retry);
  const max = typeof value === "number" ? value : (value?.max ?? 0);
  const fields: RetryFields = indexed ? { backoffLimitPerIndex: max } : { backoffLimit: max };
  if (max === 0 || typeof value !== "object") return fields;
  const when = value.when === undefined ? ["always"] : [value.when].flat();
  const retriesScriptFailures = when.includes("always") || when.includes("script_failure");
  const exitCodes = value.exit_codes === undefined ? undefined : [value.exit_codes].flat();
  // Exit codes that do not retry: all of them when script failures are not retried, else every
  // code outside `exit_codes`. `NotIn [0]` matches every failure.
  const retried = retriesScriptFailures ? exitCodes : [];
  if (retried === undefined) return fields;
  const policy: V1PodFailurePolicy = {
    rules: [
      {
        action: indexed ? "FailIndex" : "FailJob",
        onExitCodes: {
          containerName,
          operator: "NotIn",
          values: [...new Set([0, ...retried])].sort((a, b) => a - b),
        },
      },
    ],
  };
  return { ...fields, podFailurePolicy: policy };
}
