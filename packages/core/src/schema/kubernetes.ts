// Here, not in packages/kubernetes: `kubernetes:` is user pipeline input, validated by core.

import { z } from "zod";
import { kanikoBuildSchema } from "./kaniko-build.js";
import type {
  V1Affinity,
  V1PodSecurityContext,
  V1SecurityContext,
  V1Toleration,
  V1Volume,
  V1VolumeMount,
} from "./kubernetes-types.js";

// Kubernetes' own name rules (apimachinery validation), so that a bad name is reported at the
// line that wrote it rather than by the API server at apply time.
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A DNS-1123 label: a namespace, or the name of a Secret, PVC or ServiceAccount. */
export const kubernetesNameSchema = z
  .string()
  .max(63)
  .regex(dns1123Label, "expected a DNS-1123 name: lower-case letters, digits and '-'");

const subdomainSchema = z
  .string()
  .max(253)
  .regex(
    dns1123Subdomain,
    "expected a DNS-1123 subdomain: lower-case letters, digits, '-' and '.'",
  );

function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf("/");
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !dns1123Subdomain.test(prefix))) return false;
  return name.length <= 63 && labelName.test(name);
}

const labelKeySchema = z
  .string()
  .refine(isLabelKey, "expected a label key: [prefix/]name, name up to 63 of [A-Za-z0-9-_.]");

/** `labels`: keys and values as Kubernetes accepts them. */
export const kubernetesLabelsSchema = z.record(
  labelKeySchema,
  z.string().max(63).regex(labelValue, "expected a label value: up to 63 of [A-Za-z0-9-_.]"),
);

// apimachinery's resource.Quantity syntax: `500m`, `1.5`, `2Gi`, `1e3`.
const quantitySchema = z.union([
  z
    .string()
    .regex(
      /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+|[numkMGTPE]|[KMGTPE]i)?$/,
      'expected a quantity such as "500m", "2", "1.5" or "4Gi"',
    ),
  z.number().nonnegative(),
]);

/** CPU, memory … requests and limits (`{ requests: { cpu: "500m", memory: "1Gi" } }`). */
export const kubernetesResourcesSchema = z.strictObject({
  requests: z.record(z.string(), quantitySchema).optional(),
  limits: z.record(z.string(), quantitySchema).optional(),
});

/** An environment variable taken from a key of a Secret: never written as a literal. */
export const secretKeyRefSchema = z.strictObject({
  name: kubernetesNameSchema.describe("The Secret"),
  key: z.string().min(1).describe("The key inside the Secret"),
  optional: z.boolean().optional(),
});

const envNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a variable name: letters, digits and '_'");

/**
 * Variables for Kubernetes only, in place of what GitLab predefines (`CI_REGISTRY_IMAGE`,
 * `CI_COMMIT_SHORT_SHA` …): set before the pipeline's own variables, which may refer to them.
 */
export const kubernetesVariablesSchema = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a variable name: letters, digits and '_'"),
  z.string(),
);

/** Variables whose values come from Secrets: `{ DB_PASSWORD: { name: "db", key: "password" } }`. */
export const kubernetesSecretsSchema = z.record(envNameSchema, secretKeyRefSchema);

// Deep Kubernetes structures (affinity, tolerations, security contexts, volumes) are typed with
// the API's types (./kubernetes-types.ts, equal to client-node's); at run time they are only
// checked to be objects here, and the API server validates their insides (`kubectl apply
// --dry-run=server`).
function apiObject<T>(what: string) {
  return z.custom<T>(
    (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    { message: `expected ${what} (an object)` },
  );
}

/** The `kubernetes:` block of a job or of `default`: how its Pod is shaped. Ignored by GitLab. */
export const kubernetesJobSchema = z.strictObject({
  skip: z
    .boolean()
    .optional()
    .describe(
      "Leave this job out of the Kubernetes and Kaniko targets and pipecraft run (e.g. a Windows job); GitLab still runs it",
    ),
  image: z
    .string()
    .min(1)
    .optional()
    .describe("Image for a job that sets none (on GitLab it runs on the runner's default image)"),
  resources: kubernetesResourcesSchema.optional(),
  serviceAccountName: subdomainSchema.optional(),
  automountServiceAccountToken: z
    .boolean()
    .optional()
    .describe("Mount a service-account token (default: only when serviceAccountName is set)"),
  nodeSelector: z.record(z.string(), z.string()).optional(),
  tolerations: z.array(apiObject<V1Toleration>("a toleration")).optional(),
  affinity: apiObject<V1Affinity>("an affinity").optional(),
  podSecurity: z
    .enum(["baseline", "restricted"])
    .optional()
    .describe(
      'The Pod Security level the Pod is written for: "baseline" (default: the runtime\'s default capabilities, as on GitLab\'s Kubernetes executor) or "restricted" (non-root, no capabilities, no privilege escalation; the image or securityContext.runAsUser must give a non-root user)',
    ),
  securityContext: apiObject<V1SecurityContext>("a container securityContext")
    .optional()
    .describe(
      "Merged field by field over default.kubernetes and the podSecurity level's defaults; capabilities.add is joined",
    ),
  servicesSecurityContext: apiObject<V1SecurityContext>("a container securityContext")
    .optional()
    .describe(
      "For service sidecars, merged field by field over the same defaults (e.g. runAsUser for restricted)",
    ),
  podSecurityContext: apiObject<V1PodSecurityContext>("a pod securityContext")
    .optional()
    .describe("Merged field by field over default.kubernetes and the default seccomp profile"),
  labels: kubernetesLabelsSchema.optional(),
  annotations: z.record(labelKeySchema, z.string()).optional(),
  volumes: z.array(apiObject<V1Volume>("a volume")).optional(),
  volumeMounts: z.array(apiObject<V1VolumeMount>("a volumeMount")).optional(),
  imagePullSecrets: z.array(kubernetesNameSchema).optional(),
  ttlSecondsAfterFinished: z.int().min(0).optional(),
  secrets: kubernetesSecretsSchema.optional(),
  variables: kubernetesVariablesSchema
    .optional()
    .describe("Kubernetes-only variables, e.g. stand-ins for GitLab's predefined ones"),
  kaniko: kanikoBuildSchema.optional().describe("Set by kaniko.build(): run as a Kaniko build"),
});

/** `default.kubernetes`: every field of a job's block except a build and `skip`. */
export const kubernetesDefaultSchema = kubernetesJobSchema.omit({ kaniko: true, skip: true });

/** Where a tag sends a job: the scheduling fields a runner tag stands for. */
export const kubernetesTagSchema = z.strictObject({
  nodeSelector: z.record(z.string(), z.string()).optional(),
  tolerations: z.array(apiObject<V1Toleration>("a toleration")).optional(),
  affinity: apiObject<V1Affinity>("an affinity").optional(),
});

/** The top-level `kubernetes:` block: settings of the whole run on a cluster. Ignored by GitLab. */
export const kubernetesPipelineSchema = z.strictObject({
  name: kubernetesNameSchema
    .max(40)
    .optional()
    .describe("Prefix of every object name (default: --name, else the package name)"),
  namespace: kubernetesNameSchema.optional(),
  projectDir: z
    .string()
    .regex(/^\/./, "expected an absolute path such as /builds/app")
    .optional()
    .describe("CI_PROJECT_DIR, where the workspace is mounted (default /builds/<name>)"),
  tags: z
    .record(z.string(), kubernetesTagSchema)
    .optional()
    .describe("Runner tag → nodeSelector/tolerations/affinity"),
  workspace: z
    .strictObject({
      size: z.string().min(1).optional().describe("Requested storage (default 1Gi)"),
      storageClassName: z.string().min(1).optional(),
      accessModes: z
        .array(z.enum(["ReadWriteOnce", "ReadWriteMany", "ReadWriteOncePod"]))
        .min(1)
        .optional()
        .describe("Default ReadWriteOnce; ReadWriteMany when jobs run on several nodes at once"),
    })
    .optional(),
  secrets: kubernetesSecretsSchema.optional().describe("Secret-backed variables of every job"),
  variables: kubernetesVariablesSchema
    .optional()
    .describe(
      "Kubernetes-only variables of every job, e.g. CI_REGISTRY_IMAGE (GitLab predefines it)",
    ),
});

/** A job's `kubernetes:` block. */
export type KubernetesJob = z.output<typeof kubernetesJobSchema>;

/** The top-level `kubernetes:` block. */
export type KubernetesPipeline = z.output<typeof kubernetesPipelineSchema>;
