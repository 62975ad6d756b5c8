// A short-lived helper Pod that mounts a run's workspace claim, so that files cross between this
// machine and the workspace through `exec` and a tar stream (as `kubectl cp` does): the sources
// before the first job (`--source local`), the artifacts after the last (`--artifacts DIR`).
import { type Readable, Writable } from "node:stream";
import {
  CoreV1Api,
  Exec,
  type KubeConfig,
  type V1OwnerReference,
  type V1Pod,
} from "@kubernetes/client-node";
import { apiCall, ClusterError } from "./api-call.js";

/** Where the helper Pod mounts the workspace. */
export const WORKSPACE_MOUNT = "/workspace";

/** The helper image when none is given: it needs `sh` and `tar`. */
export const DEFAULT_HELPER_IMAGE = "busybox:1.37";

const CONTAINER = "workspace";

/** What the helper Pod is made from. */
export type WorkspacePodOptions = {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  /** The Pod's name (`<pipeline>-<run>-source`, `…-artifacts`). */
  readonly name: string;
  readonly claimName: string;
  readonly image: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly V1OwnerReference[];
  /** How long to wait for the Pod to run, in milliseconds. */
  readonly startTimeoutMs?: number;
};

/** A running helper Pod: run a command in it with a stream in or out, then remove it. */
export type WorkspacePod = {
  readonly name: string;
  /** Runs `command` in the Pod, `stdin` fed to it and its stdout written to `stdout`. */
  exec(command: readonly string[], io: { stdin?: Readable; stdout?: Writable }): Promise<void>;
  remove(): Promise<void>;
};

/** The helper Pod's manifest: sleeps until deleted, the claim mounted at /workspace. */
export function workspacePodManifest(options: WorkspacePodOptions): V1Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: { ...options.labels, "pipecraft.dev/role": "workspace" },
      ownerReferences: [...options.ownerReferences],
    },
    spec: {
      // It must stay up until removed: a helper Pod that had ended could not be exec'd into
      // (and kwok ends a `Never` Pod after a second, while `Always` ones stay Running).
      restartPolicy: "Always",
      automountServiceAccountToken: false,
      // Gone within the hour even if this process dies before removing it.
      activeDeadlineSeconds: 3600,
      terminationGracePeriodSeconds: 1,
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      containers: [
        {
          name: CONTAINER,
          image: options.image,
          command: ["sh", "-c", 'trap "exit 0" TERM; while :; do sleep 3600 & wait $!; done'],
          volumeMounts: [{ name: "workspace", mountPath: WORKSPACE_MOUNT }],
        },
      ],
      volumes: [{ name: "workspace", persistentVolumeClaim: { claimName: options.claimName } }],
    },
  };
}

/** Creates the helper Pod and resolves once it runs; a Pod that cannot start is a ClusterError. */
export async function startWorkspacePod(options: WorkspacePodOptions): Promise<WorkspacePod> {
  const core = options.kubeConfig.makeApiClient(CoreV1Api);
  const { namespace, name } = options;
  const request = { resource: "pods", group: "", namespace };
  await apiCall({ ...request, verb: "create" }, () =>
    core.createNamespacedPod({ namespace, body: workspacePodManifest(options) }),
  );
  const remove = async () => {
    await apiCall({ ...request, verb: "delete" }, () =>
      core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }),
    ).catch(() => {});
  };
  try {
    await waitRunning(core, options);
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    name,
    exec: (command, io) => execIn(options.kubeConfig, namespace, name, command, io),
    remove,
  };
}

async function waitRunning(core: CoreV1Api, options: WorkspacePodOptions): Promise<void> {
  const { namespace, name } = options;
  const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
  let last = "not scheduled yet";
  while (Date.now() < deadline) {
    const pod = await apiCall({ verb: "get", resource: "pods", group: "", namespace }, () =>
      core.readNamespacedPod({ name, namespace }),
    );
    if (pod.status?.phase === "Running") return;
    const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting;
    if (waiting?.reason !== undefined) last = `${waiting.reason}: ${waiting.message ?? ""}`.trim();
    const stuck = [
      "ErrImagePull",
      "ImagePullBackOff",
      "InvalidImageName",
      "CreateContainerConfigError",
      "CreateContainerError",
      "RunContainerError",
      "CrashLoopBackOff",
    ];
    if (pod.status?.phase === "Succeeded") last = "it ended before it was used";
    if (
      pod.status?.phase === "Failed" ||
      pod.status?.phase === "Succeeded" ||
      (waiting?.reason !== undefined && stuck.includes(waiting.reason))
    ) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new ClusterError(
    `the workspace helper Pod ${namespace}/${name} (image ${options.image}) did not start: ${last}; give --helper-image an image with sh and tar that the cluster can run`,
  );
}

function execIn(
  kubeConfig: KubeConfig,
  namespace: string,
  pod: string,
  command: readonly string[],
  io: { stdin?: Readable; stdout?: Writable },
): Promise<void> {
  const stderr: Buffer[] = [];
  const stderrStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stderr.push(Buffer.from(chunk));
      done();
    },
  });
  return new Promise<void>((resolve, reject) => {
    new Exec(kubeConfig)
      .exec(
        namespace,
        pod,
        CONTAINER,
        [...command],
        io.stdout ?? null,
        stderrStream,
        io.stdin ?? null,
        false,
        (status) => {
          if (status.status === "Success") {
            resolve();
            return;
          }
          const said = Buffer.concat(stderr)
            .toString("utf8")
            .trim()
            .split("\n")
            .slice(-3)
            .join("; ");
          reject(
            new ClusterError(
              `in the workspace helper Pod ${namespace}/${pod}, \`${command.slice(0, 3).join(" ")}\` failed: ${said || status.message || "no message"}`,
            ),
          );
        },
      )
      .then((socket) => {
        socket.on("error", (error: Error) =>
          reject(new ClusterError(`exec in ${namespace}/${pod}: ${error.message}`)),
        );
        // The exit status arrives before the stream closes: one that closes without it (kwok's
        // node, now and then, instead of an error status) would otherwise be waited for forever.
        socket.on("close", () => {
          const said = Buffer.concat(stderr).toString("utf8").trim().split("\n").slice(-3);
          reject(
            new ClusterError(
              `in the workspace helper Pod ${namespace}/${pod}, \`${command.slice(0, 3).join(" ")}\` ended without an exit status (${said.join("; ") || "the connection closed"}); its node must support exec (kubectl exec)`,
            ),
          );
        });
      })
      .catch((error: unknown) => {
        reject(
          new ClusterError(
            `exec in the workspace helper Pod ${namespace}/${pod} was refused: ${error instanceof Error ? error.message : String(error)}; the identity needs create on pods/exec`,
          ),
        );
      });
  });
}
