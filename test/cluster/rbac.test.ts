// RBAC is enforced: a user with a namespace-scoped Role, authenticated by a client certificate that
// the cluster signed through the CertificateSigningRequest API (not system:masters), gets 403 on
// another namespace.
import {
  AuthenticationV1Api,
  BatchV1Api,
  CoreV1Api,
  type KubeConfig,
  RbacAuthorizationV1Api,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiError, createNamespace } from "./helpers.js";
import { testKubeConfig } from "./kubeconfig.js";
import { userKubeConfig } from "./user-credentials.js";

const kc = testKubeConfig();
const user = `pipecraft-dev-${Date.now().toString(36)}`;
let own: { name: string; remove: () => Promise<void> };
let other: { name: string; remove: () => Promise<void> };
let userKc: KubeConfig;

beforeAll(async () => {
  own = await createNamespace(kc, "rbac-own");
  other = await createNamespace(kc, "rbac-other");
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  await rbac.createNamespacedRole({
    namespace: own.name,
    body: {
      metadata: { name: "pipeline-runner" },
      rules: [
        {
          apiGroups: ["batch"],
          resources: ["jobs"],
          verbs: ["get", "list", "watch", "create", "delete"],
        },
        { apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] },
      ],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace: own.name,
    body: {
      metadata: { name: "pipeline-runner" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pipeline-runner" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
    },
  });
  userKc = await userKubeConfig(kc, user);
});

afterAll(async () => {
  await own?.remove();
  await other?.remove();
});

describe("RBAC with a namespace-scoped Role", () => {
  it("authenticates the user by its client certificate, outside system:masters", async () => {
    const review = await userKc
      .makeApiClient(AuthenticationV1Api)
      .createSelfSubjectReview({ body: {} });
    expect(review.status?.userInfo?.username).toBe(user);
    expect(review.status?.userInfo?.groups).toContain("system:authenticated");
    expect(review.status?.userInfo?.groups).not.toContain("system:masters");
  });

  it("allows what the Role grants in its namespace", async () => {
    const jobs = await userKc.makeApiClient(BatchV1Api).listNamespacedJob({ namespace: own.name });
    expect(jobs.items).toEqual([]);
    const pods = await userKc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: own.name });
    expect(pods.items).toEqual([]);
  });

  it("gets 403 Forbidden in another namespace, and for what the Role does not grant", async () => {
    const batch = userKc.makeApiClient(BatchV1Api);
    const elsewhere = await apiError(batch.listNamespacedJob({ namespace: other.name }));
    expect(elsewhere.code).toBe(403);
    expect(elsewhere.reason).toBe("Forbidden");
    expect(elsewhere.message).toBe(
      `jobs.batch is forbidden: User "${user}" cannot list resource "jobs" in API group "batch" in the namespace "${other.name}"`,
    );

    const secrets = await apiError(
      userKc.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace: own.name }),
    );
    expect(secrets.code).toBe(403);
    expect(secrets.message).toContain(`User "${user}" cannot list resource "secrets"`);
  });
});
