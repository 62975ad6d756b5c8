// What the Job controller's `FailedCreate` event says about a job whose Pods the API server
// refuses to create: the Job stays active with no Pod, and only this Warning event tells why.
// Admission refuses the same Pod template every time (Pod Security, a missing ServiceAccount, a
// LimitRange, a webhook, an invalid Pod), so the first refusal fails the job; a ResourceQuota that
// is full for now may free up (the run's own Pods often hold it), so the job waits, unless what it
// asks for exceeds the quota's limit outright; so does a quota the quota controller has not
// counted yet (just created or changed). Anything else (a timeout, a 5xx) is transient.
import type { PlannedJob } from "../plan/run-plan.js";

/** A refusal: `failed` fails the job with `reason`; `waiting` is reported and waited out. */
export type PodRefusal =
  | { readonly kind: "failed"; readonly reason: string }
  | { readonly kind: "waiting"; readonly reason: string };

const SUFFIXES: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

// A Kubernetes quantity (`500m`, `1Gi`, `2`, `1e3`) as a number; undefined when not one.
function quantity(text: string): number | undefined {
  const match = /^([0-9.]+(?:[eE][-+]?[0-9]+)?)([a-zA-Z]*)$/.exec(text.trim());
  const scale = match === null ? undefined : SUFFIXES[match[2] ?? ""];
  if (match === null || scale === undefined) return undefined;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value * scale : undefined;
}

// `requests.cpu=1,pods=1` as a map.
function resourceList(text: string): Map<string, number | undefined> {
  const list = new Map<string, number | undefined>();
  for (const item of text.split(",")) {
    const at = item.indexOf("=");
    if (at > 0) list.set(item.slice(0, at).trim(), quantity(item.slice(at + 1)));
  }
  return list;
}

// True when the quota message says the Pod asks for more than the quota's limit of a resource:
// it can never fit, whatever else frees up.
function neverFits(message: string): boolean {
  const match = /requested: (.*?), used: (.*?), limited: (.*)$/.exec(message);
  if (match === null) return false;
  const requested = resourceList(match[1] ?? "");
  const limited = resourceList(match[3] ?? "");
  return [...requested].some(([name, amount]) => {
    const limit = limited.get(name);
    return amount !== undefined && limit !== undefined && amount > limit;
  });
}

/** The job whose Pod was refused, as far as the fix depends on it. */
export type RefusedJob = {
  /** The planned job's role (`sources`, `kaniko`), for a fix of its own. */
  readonly role?: PlannedJob["role"];
  /** The run's namespace, named in a fix that changes it. */
  readonly namespace?: string;
};

// How to fix what the API server names, where it is obvious.
function hint(message: string, job: RefusedJob): string | undefined {
  if (job.role === "sources" && /violates PodSecurity/.test(message))
    return 'the sources job of --source git runs its git image as root, which this namespace refuses: use --source none, or a namespace that enforces "baseline" at most';
  // kaniko-security-context.ts: root, no privilege escalation, and only capabilities of the
  // baseline level's allowed list, so "baseline" admits the executor and "restricted" never can.
  if (job.role === "kaniko" && /violates PodSecurity "restricted/.test(message))
    return `a Kaniko build must run as root (the executor unpacks the base image into its own root filesystem and needs CHOWN, DAC_OVERRIDE, FOWNER and other capabilities of the "baseline" list), which the "restricted" Pod Security Standard forbids; it needs no privileged Pod: run the pipeline in a namespace that enforces "baseline" (kubectl label namespace ${job.namespace ?? "NAMESPACE"} pod-security.kubernetes.io/enforce=baseline --overwrite), or build the image elsewhere`;
  if (/violates PodSecurity "restricted/.test(message))
    return 'the namespace enforces the "restricted" Pod Security Standard: set kubernetes: { podSecurity: "restricted" } on the job (or in default.kubernetes) and use an image that runs as a non-root user (or set kubernetes.securityContext.runAsUser)';
  if (/violates PodSecurity "baseline/.test(message))
    return 'the namespace enforces the "baseline" Pod Security Standard: remove what it names from the job\'s kubernetes.securityContext';
  const account = /serviceaccount "([^"]+)" not found/.exec(message);
  if (account !== null)
    return `create the ServiceAccount ${account[1]} in the run's namespace, or change the job's kubernetes.serviceAccountName`;
  if (/exceeded quota:/.test(message))
    return "the job asks for more than the namespace's ResourceQuota allows at all: lower its kubernetes.resources, or raise the quota";
  if (/failed quota:.*must specify/.test(message))
    return "the namespace's ResourceQuota requires it: set the job's kubernetes.resources";
  return undefined;
}

/**
 * What a `FailedCreate` event's message means for `job`; undefined for a transient error the Job
 * controller retries on its own.
 * @example podRefusal('Error creating: pods "x" is forbidden: serviceaccount "ci" not found')
 */
export function podRefusal(eventMessage: string, job: RefusedJob = {}): PodRefusal | undefined {
  const text = eventMessage.replace(/^Error creating: /, "").trim();
  // `pods "x-abcde" is forbidden: …` names a generated Pod: the rest is what matters.
  const admission = /^(?:pods|Pod) "[^"]*" is (forbidden|invalid): (.*)$/s.exec(text);
  if (admission === null && !/denied the request/.test(text)) return undefined;
  const message =
    admission === null ? text : `${admission[1] === "invalid" ? "invalid: " : ""}${admission[2]}`;
  if (/^exceeded quota:/.test(message) && !neverFits(message))
    return { kind: "waiting", reason: `waiting for quota: ${message}` };
  // A quota (or a resource in it) that the quota controller has not counted yet: it will.
  if (/^status unknown for quota:/.test(message))
    return {
      kind: "waiting",
      reason: `waiting for quota: ${message} (the quota controller has not counted it yet)`,
    };
  const fix = hint(message, job);
  return {
    kind: "failed",
    reason: `pods refused: ${message}${fix === undefined ? "" : `; ${fix}`}`,
  };
}
