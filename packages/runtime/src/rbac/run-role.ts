// The least a cluster identity needs for `pipecraft run`, `cancel` and `logs` in one namespace:
// every request the runtime makes, by resource and verb. A call that is not covered here fails on
// a cluster bound to exactly this Role (test/cluster/runtime-rbac.test.ts).

/** One rule of the Role, with what needs it. */
export type RunRule = {
  readonly why: string;
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
};

/** The Role's and RoleBinding's name. */
export const RUN_ROLE_NAME = "pipecraft-runner";

/** Every rule, each with what needs it. */
export const RUN_RULES: readonly RunRule[] = [
  {
    why: "the run record: created by run, read and updated by run and cancel, listed by runs, watched by run --attach, removed by delete",
    apiGroups: [""],
    resources: ["configmaps"],
    verbs: ["get", "list", "watch", "create", "patch", "delete"],
  },
  {
    why: "the run's workspace",
    apiGroups: [""],
    resources: ["persistentvolumeclaims"],
    verbs: ["create"],
  },
  {
    why: "the jobs: created suspended, released by a patch, watched, deleted by cancel",
    apiGroups: ["batch"],
    resources: ["jobs"],
    verbs: ["get", "list", "watch", "create", "patch", "delete"],
  },
  {
    why: "a job's pod: its exit code and its log",
    apiGroups: [""],
    resources: ["pods"],
    verbs: ["get", "list", "watch"],
  },
  { why: "the job logs", apiGroups: [""], resources: ["pods/log"], verbs: ["get"] },
  {
    why: "a job whose pods the API server refuses (Pod Security, quota, ServiceAccount): the Job controller's FailedCreate events",
    apiGroups: [""],
    resources: ["events"],
    verbs: ["list", "watch"],
  },
  {
    why: "--source and --artifacts: the workspace helper Pod",
    apiGroups: [""],
    resources: ["pods"],
    verbs: ["create", "delete"],
  },
  {
    why: "--source and --artifacts: the tar stream in and out of the helper Pod",
    apiGroups: [""],
    resources: ["pods/exec"],
    verbs: ["create", "get"],
  },
  {
    why: "resource_group: one Lease per group is the lock; the run's owner Lease (run --attach)",
    apiGroups: ["coordination.k8s.io"],
    resources: ["leases"],
    verbs: ["get", "list", "watch", "create", "update", "delete"],
  },
];

/** A Role as plain data (kubectl applies it as is). */
export type RoleManifest = {
  readonly apiVersion: "rbac.authorization.k8s.io/v1";
  readonly kind: "Role";
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly rules: readonly {
    readonly apiGroups: readonly string[];
    readonly resources: readonly string[];
    readonly verbs: readonly string[];
  }[];
};

/** A RoleBinding as plain data. */
export type RoleBindingManifest = {
  readonly apiVersion: "rbac.authorization.k8s.io/v1";
  readonly kind: "RoleBinding";
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly roleRef: { readonly apiGroup: string; readonly kind: "Role"; readonly name: string };
  readonly subjects: readonly {
    readonly apiGroup?: string;
    readonly kind: string;
    readonly name: string;
    readonly namespace?: string;
  }[];
};

/** Who the RoleBinding binds: a user, a group, or a ServiceAccount of the namespace. */
export type RoleSubject = {
  readonly kind: "User" | "Group" | "ServiceAccount";
  readonly name: string;
};

/** The Role that `run`, `cancel` and `logs` need in `namespace`. */
export function runRole(namespace: string): RoleManifest {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: RUN_ROLE_NAME, namespace },
    rules: RUN_RULES.map(({ apiGroups, resources, verbs }) => ({
      apiGroups: [...apiGroups],
      resources: [...resources],
      verbs: [...verbs],
    })),
  };
}

/** The RoleBinding of `runRole(namespace)` to `subject`. */
export function runRoleBinding(namespace: string, subject: RoleSubject): RoleBindingManifest {
  const bound =
    subject.kind === "ServiceAccount"
      ? { kind: "ServiceAccount", name: subject.name, namespace }
      : { apiGroup: "rbac.authorization.k8s.io", kind: subject.kind, name: subject.name };
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: RUN_ROLE_NAME, namespace },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: RUN_ROLE_NAME },
    subjects: [bound],
  };
}
