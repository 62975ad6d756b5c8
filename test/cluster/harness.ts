// A real Kubernetes control plane on 127.0.0.1 for the tests: etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler and kwok (which plays the kubelet of one fake Node), all
// built from Go modules by build.sh. Every harness has its own temp dir (data, PKI, logs,
// kubeconfigs) and free ports, so several can run at once.
//
// Nothing is left behind: stop() ends every process group and removes the dir; an `exit` handler
// does the same if stop() was not called; each component gets SIGKILL from the kernel when the
// Node.js process that started it dies (setpriv --pdeathsig); and startCluster() first removes what a
// crashed run left (pid file + owner pid check). Use it from a process's main thread (vitest's
// default `forks` pool or globalSetup), not from a worker thread.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { request } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CoreV1Api, KubeConfig, StorageV1Api } from "@kubernetes/client-node";
import { createPki, issueCert, kubeconfigYaml, type Pki, SERVICE_CIDR } from "./pki.js";
import {
  cleanupRealNode,
  cniConfig,
  containerdConfig,
  createCgroups,
  ensureImages,
  importImages,
  inRuntimeCgroup,
  kubeletConfig,
  planRealNode,
  type RealNodePlan,
  realNodeMissing,
} from "./real-node.js";

export const HERE = dirname(fileURLToPath(import.meta.url));
const DIR_PREFIX = "pipecraft-cluster-";
const STATE_FILE = "harness.json";
/** The one fake Node kwok manages. */
export const NODE_NAME = "pipecraft-node-0";

export interface Versions {
  KUBERNETES_VERSION: string;
  ETCD_VERSION: string;
  KWOK_VERSION: string;
}

/** The pinned versions, from test/cluster/versions.env (the one place they are written). */
export function readVersions(): Versions {
  const text = readFileSync(join(HERE, "versions.env"), "utf8");
  const vars: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z_]+)=(\S+)\s*$/.exec(line);
    if (m) vars[m[1]!] = m[2]!;
  }
  for (const k of ["KUBERNETES_VERSION", "ETCD_VERSION", "KWOK_VERSION"]) {
    if (!vars[k]) throw new Error(`test/cluster/versions.env: ${k} is missing`);
  }
  return vars as unknown as Versions;
}

/**
 * The directory with the five binaries: $PIPECRAFT_K8S_BIN if set, else the cache entry build.sh
 * makes (building it the first time: tens of minutes when the Go caches are cold).
 */
export function ensureBinaries(log: (line: string) => void = () => {}): string {
  const given = process.env.PIPECRAFT_K8S_BIN;
  if (given) return given;
  log("test/cluster/build.sh: building or reusing the control-plane binaries");
  const out = execFileSync("bash", [join(HERE, "build.sh")], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  const dir = out.trim().split("\n").pop() ?? "";
  if (!existsSync(join(dir, "kube-apiserver"))) {
    throw new Error(`build.sh did not print a bin directory (got ${JSON.stringify(out)})`);
  }
  return dir;
}

export interface StartOptions {
  /** Directory with the binaries (default: ensureBinaries()). */
  binDir?: string;
  /** Progress lines. */
  log?: (line: string) => void;
  /** How long to wait for the whole control plane (default 120 s). */
  timeoutMs?: number;
  /** Keep the temp dir after stop() (for debugging; also PIPECRAFT_CLUSTER_KEEP=1). */
  keepDir?: boolean;
  /**
   * The node: "kwok" (default, a fake node: Pods are scheduled but nothing runs) or "real"
   * (containerd, runc and a kubelet: containers really run; see real-node.ts).
   */
  node?: "kwok" | "real";
  /** Directory with the real node's OCI image archives (default: images.sh's cache). */
  imagesDir?: string;
}

export interface Component {
  name: string;
  pid: number;
  port: number;
  log: string;
}

export interface Cluster {
  /** Temp dir with data, PKI, logs and kubeconfigs. */
  dir: string;
  /** Kubeconfig of a system:masters client certificate. */
  kubeconfigPath: string;
  server: string;
  pki: Pki;
  components: Component[];
  /** Milliseconds from the first spawn to every component ready. */
  startMs: number;
  /** The one Node's name (NODE_NAME for kwok). */
  nodeName: string;
  /** The real node's names and addresses (undefined with kwok). */
  realNode?: RealNodePlan;
  /** StorageClass of the real node's provisioner (undefined with kwok: no provisioner). */
  storageClassName?: string;
  /** Resident memory of each component process, in bytes (from /proc). */
  rss(): Record<string, number>;
  /** A KubeConfig for the admin identity. */
  kubeConfig(): KubeConfig;
  stop(): Promise<void>;
}

// -------------------------------------------------------------------------------- processes

interface Proc extends Component {
  child: ChildProcess;
  exited: Promise<void>;
  exitCode: number | null | undefined;
}

const live = new Set<{
  procs: Proc[];
  dir: string;
  keep: boolean;
  realNode?: RealNodePlan;
  /** Directories of the hostPath provisioner's volumes, listed when stop() begins. */
  provisioned: string[];
}>();
let exitHandlerInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function installExitHandler(): void {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.on("exit", () => {
    for (const c of live) {
      for (const p of c.procs) if (p.exitCode === undefined) killGroup(p.pid, "SIGKILL");
      if (c.realNode) cleanupRealNode(c.realNode);
      for (const path of c.provisioned) rmSync(path, { recursive: true, force: true });
      if (!c.keep) rmSync(c.dir, { recursive: true, force: true });
    }
  });
}

let setprivPath: string | null | undefined;
function setpriv(): string | null {
  if (setprivPath === undefined) {
    setprivPath = ["/usr/bin/setpriv", "/bin/setpriv"].find((p) => existsSync(p)) ?? null;
  }
  return setprivPath;
}

function spawnComponent(
  dir: string,
  name: string,
  bin: string,
  args: string[],
  port: number,
): Proc {
  const logPath = join(dir, "logs", `${name}.log`);
  const fd = openSync(logPath, "a");
  const sp = setpriv();
  // setpriv sets the parent-death signal, then execs the binary: the pid is the component's own.
  const [cmd, argv] = sp ? [sp, ["--pdeathsig", "SIGKILL", "--", bin, ...args]] : [bin, args];
  const child = spawn(cmd, argv, {
    detached: true, // own process group, killed as a whole
    stdio: ["ignore", fd, fd],
    env: { ...process.env, GOMAXPROCS: process.env.GOMAXPROCS ?? "2" },
  });
  closeSync(fd);
  child.unref();
  let spawnError: Error | undefined;
  child.on("error", (e) => {
    spawnError = e;
  });
  if (child.pid === undefined) {
    throw new Error(`could not start ${name} (${bin}): ${spawnError?.message ?? "no pid"}`);
  }
  const proc: Proc = {
    name,
    pid: child.pid,
    port,
    log: logPath,
    child,
    exitCode: undefined,
    exited: new Promise<void>((resolve) => {
      child.on("exit", (code, signal) => {
        proc.exitCode = code ?? (signal ? -1 : null);
        resolve();
      });
    }),
  };
  return proc;
}

function tail(path: string, lines = 25): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function stopProcs(procs: Proc[], graceMs = 10_000): Promise<void> {
  // Reverse order of start: the node agent and controllers first, etcd last.
  for (const p of [...procs].reverse()) {
    if (p.exitCode === undefined) killGroup(p.pid, "SIGTERM");
  }
  const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), graceMs).unref());
  for (const p of procs) {
    if ((await Promise.race([p.exited, timer])) === "timeout") killGroup(p.pid, "SIGKILL");
  }
  // Wait for the killed ones to be reaped. (Groups are only signalled while their leader is
  // unreaped: a reaped pid may already belong to someone else.)
  await Promise.all(
    procs.map((p) => Promise.race([p.exited, new Promise((r) => setTimeout(r, 5000).unref())])),
  );
}

/** Removes what crashed harnesses left in the temp dir: processes of dead owners, and their dirs. */
export function cleanupStale(log: (line: string) => void = () => {}): void {
  const base = tmpdir();
  for (const entry of readdirSync(base)) {
    if (!entry.startsWith(DIR_PREFIX)) continue;
    const dir = join(base, entry);
    let state: { ownerPid?: number; pids?: number[]; realNode?: RealNodePlan } = {};
    try {
      state = JSON.parse(readFileSync(join(dir, STATE_FILE), "utf8"));
    } catch {
      // no state file: a harness still starting, or one that died before writing it
      state = {};
    }
    if (state.ownerPid !== undefined && alive(state.ownerPid)) continue;
    if (state.ownerPid === undefined) continue;
    for (const pid of state.pids ?? []) {
      let cmdline = "";
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      } catch {
        continue; // gone
      }
      if (cmdline.includes(dir)) {
        log(`killing pid ${pid} left by a crashed harness in ${dir}`);
        killGroup(pid, "SIGKILL");
      }
    }
    if (state.realNode) {
      log(`ending the real node ${state.realNode.name} left by a crashed harness`);
      cleanupRealNode(state.realNode);
    }
    log(`removing ${dir} (its owner pid ${state.ownerPid} is gone)`);
    rmSync(dir, { recursive: true, force: true });
  }
}

// -------------------------------------------------------------------------------- ports and HTTP

/** `n` distinct free TCP ports on 127.0.0.1, from the OS. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<import("node:net").Server>((resolve, reject) => {
          const s = createServer();
          s.once("error", reject);
          s.listen(0, "127.0.0.1", () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const a = s.address();
    if (a === null || typeof a === "string") throw new Error("no port");
    return a.port;
  });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

interface Tls {
  ca: string;
  cert?: string;
  key?: string;
}

function get(url: string, tls?: Tls): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    if (u.protocol === "http:") {
      fetch(url, { signal: AbortSignal.timeout(3000) })
        .then(async (r) => resolve({ status: r.status, body: await r.text() }))
        .catch(reject);
      return;
    }
    const req = request(
      url,
      {
        ca: tls ? readFileSync(tls.ca) : undefined,
        cert: tls?.cert ? readFileSync(tls.cert) : undefined,
        key: tls?.key ? readFileSync(tls.key) : undefined,
        timeout: 3000,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  procs: Proc[],
  deadline: number,
): Promise<void> {
  let lastError = "";
  for (;;) {
    const dead = procs.find((p) => p.exitCode !== undefined);
    if (dead) {
      throw new Error(
        `${dead.name} exited (code ${dead.exitCode}) while waiting for ${what}; ${dead.log}:\n${tail(dead.log)}`,
      );
    }
    try {
      if (await check()) return;
    } catch (e) {
      lastError = (e as Error).message;
    }
    if (Date.now() > deadline) {
      const logs = procs.map((p) => `--- ${p.name} (${p.log})\n${tail(p.log, 10)}`).join("\n");
      throw new Error(
        `timed out waiting for ${what} (last error: ${lastError || "none"})\n${logs}`,
      );
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

function readRss(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

// -------------------------------------------------------------------------------- the cluster

/**
 * Controllers the controller manager runs: what Jobs, namespaces, service accounts, client
 * certificates (CSR API) and PVC workspaces need. The rest are off to save memory and start time.
 */
export const CONTROLLERS = [
  "job-controller",
  "cronjob-controller",
  "ttl-after-finished-controller",
  "garbage-collector-controller",
  // Removes the not-ready taint that admission (TaintNodesByCondition) puts on a new Node once kwok
  // reports it Ready, and watches kwok's node leases, as in any cluster.
  "node-lifecycle-controller",
  "clusterrole-aggregation-controller", // fills the admin/edit/view ClusterRoles
  "namespace-controller",
  "serviceaccount-controller",
  "root-ca-certificate-publisher-controller",
  "pod-garbage-collector-controller",
  "certificatesigningrequest-signing-controller",
  "certificatesigningrequest-cleaner-controller",
  "persistentvolume-binder-controller",
  "persistentvolumeclaim-protection-controller",
  "persistentvolume-protection-controller",
];

/** The real node's default StorageClass (kube-controller-manager's hostPath provisioner). */
export const STORAGE_CLASS = "pipecraft-hostpath";

/** Fixed log lines kwok serves for every container (CRI log format). */
export const POD_LOG_LINES = ["pipecraft test cluster: logs served by kwok", "fixed content"];

/** Starts a whole control plane; retries on a port taken between allocation and bind. */
export async function startCluster(opts: StartOptions = {}): Promise<Cluster> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(opts);
    } catch (e) {
      lastError = e;
      const msg = (e as Error).message;
      if (!/address already in use|bind:/i.test(msg)) throw e;
      opts.log?.(`port collision, retrying (${attempt}/3)`);
    }
  }
  throw lastError;
}

async function startOnce(opts: StartOptions): Promise<Cluster> {
  const log = opts.log ?? (() => {});
  const keep = opts.keepDir ?? process.env.PIPECRAFT_CLUSTER_KEEP === "1";
  const bin = opts.binDir ?? ensureBinaries(log);
  const real = opts.node === "real";
  if (real) {
    const missing = realNodeMissing();
    if (missing) throw new Error(`startCluster({ node: "real" }): ${missing}`);
  }
  const imagesDir = real ? (opts.imagesDir ?? ensureImages(HERE, log)) : "";
  cleanupStale(log);
  installExitHandler();

  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  for (const d of ["logs", "etcd", "kwok", "apiserver-certs"])
    mkdirSync(join(dir, d), { mode: 0o700 });
  const procs: Proc[] = [];
  const realNode = real ? planRealNode(join(dir, "node")) : undefined;
  const entry = { procs, dir, keep, realNode, provisioned: [] as string[] };
  live.add(entry);
  const saveState = () =>
    writeFileSync(
      join(dir, STATE_FILE),
      `${JSON.stringify({ ownerPid: process.pid, pids: procs.map((p) => p.pid), dir, realNode }, null, 2)}\n`,
    );
  saveState();

  try {
    const pki = createPki(join(dir, "pki"));
    const [etcdPort, etcdPeer, apiPort, kcmPort, schedPort, kwokPort] = (await freePorts(6)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const server = `https://127.0.0.1:${apiPort}`;
    const kubeconfigs = {
      admin: join(dir, "kubeconfig"),
      kcm: join(dir, "kube-controller-manager.kubeconfig"),
      scheduler: join(dir, "kube-scheduler.kubeconfig"),
      kwok: join(dir, "kwok.kubeconfig"),
    };
    writeFileSync(kubeconfigs.admin, kubeconfigYaml(server, pki.caCert, "admin", pki.admin));
    writeFileSync(
      kubeconfigs.kcm,
      kubeconfigYaml(server, pki.caCert, "kube-controller-manager", pki.controllerManager),
    );
    writeFileSync(
      kubeconfigs.scheduler,
      kubeconfigYaml(server, pki.caCert, "kube-scheduler", pki.scheduler),
    );
    writeFileSync(kubeconfigs.kwok, kubeconfigYaml(server, pki.caCert, "kwok", pki.kwok));
    const podLog = join(dir, "kwok", "pod.log");
    writeFileSync(
      podLog,
      POD_LOG_LINES.map((l, i) => `2026-01-01T00:00:0${i}.000000000Z stdout F ${l}\n`).join(""),
    );
    const kwokConfig = join(dir, "kwok", "logs.yaml");
    writeFileSync(
      kwokConfig,
      `${JSON.stringify({
        apiVersion: "kwok.x-k8s.io/v1alpha1",
        kind: "ClusterLogs",
        metadata: { name: "pipecraft-fixed-logs" },
        spec: { selector: {}, logs: [{ logsFile: podLog, follow: false }] },
      })}\n`,
    );

    const started = Date.now();
    const timeoutMs = opts.timeoutMs ?? 120_000;
    const deadline = started + timeoutMs;
    const add = (name: string, args: string[], port: number) => {
      const p = spawnComponent(dir, name, join(bin, name), args, port);
      procs.push(p);
      saveState();
      return p;
    };

    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const peerUrl = `http://127.0.0.1:${etcdPeer}`;
    add(
      "etcd",
      [
        "--name=pipecraft",
        `--data-dir=${join(dir, "etcd")}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=pipecraft=${peerUrl}`,
        "--initial-cluster-state=new",
        "--unsafe-no-fsync=true", // a throw-away test store: no fsync, much faster on shared disks
        "--log-level=warn",
      ],
      etcdPort,
    );
    log(`etcd on ${etcdUrl}`);
    await waitUntil(
      "etcd /health",
      async () => (await get(`${etcdUrl}/health`)).body.includes('"health":"true"'),
      procs,
      deadline,
    );

    const tlsServe = [
      `--tls-cert-file=${pki.serving.cert}`,
      `--tls-private-key-file=${pki.serving.key}`,
    ];
    add(
      "kube-apiserver",
      [
        `--etcd-servers=${etcdUrl}`,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        `--secure-port=${apiPort}`,
        `--cert-dir=${join(dir, "apiserver-certs")}`,
        ...tlsServe,
        `--client-ca-file=${pki.caCert}`,
        "--authorization-mode=Node,RBAC",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        `--service-account-key-file=${pki.serviceAccountPub}`,
        `--service-account-signing-key-file=${pki.serviceAccountKey}`,
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        // 127.0.0.1 may not be published as the `kubernetes` Service's endpoint: skip it.
        "--endpoint-reconciler-type=none",
        // pods/log and exec go to kwok, which serves on the Node's InternalIP 127.0.0.1.
        "--kubelet-preferred-address-types=InternalIP",
        `--kubelet-certificate-authority=${pki.caCert}`,
        `--kubelet-client-certificate=${pki.admin.cert}`,
        `--kubelet-client-key=${pki.admin.key}`,
        "--allow-privileged=true",
        "--profiling=false",
      ],
      apiPort,
    );
    log(`kube-apiserver on ${server}`);
    const adminTls: Tls = { ca: pki.caCert, cert: pki.admin.cert, key: pki.admin.key };
    await waitUntil(
      "kube-apiserver /readyz",
      async () => (await get(`${server}/readyz`, adminTls)).status === 200,
      procs,
      deadline,
    );

    add(
      "kube-controller-manager",
      [
        `--kubeconfig=${kubeconfigs.kcm}`,
        "--bind-address=127.0.0.1",
        `--secure-port=${kcmPort}`,
        ...tlsServe,
        "--leader-elect=false",
        `--controllers=${CONTROLLERS.join(",")}`,
        "--use-service-account-credentials=true",
        `--service-account-private-key-file=${pki.serviceAccountKey}`,
        `--root-ca-file=${pki.caCert}`,
        `--cluster-signing-cert-file=${pki.caCert}`,
        `--cluster-signing-key-file=${pki.caKey}`,
        "--cluster-name=pipecraft-test",
        // The real node's workspace claims bind through a real provisioner (one node: hostPath).
        ...(real ? ["--enable-hostpath-provisioner=true"] : []),
        "--profiling=false",
      ],
      kcmPort,
    );
    add(
      "kube-scheduler",
      [
        `--kubeconfig=${kubeconfigs.scheduler}`,
        "--bind-address=127.0.0.1",
        `--secure-port=${schedPort}`,
        ...tlsServe,
        "--leader-elect=false",
        "--profiling=false",
      ],
      schedPort,
    );
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigs.admin);
    const core = kc.makeApiClient(CoreV1Api);
    if (realNode) {
      await startRealNode(realNode, { dir, bin, pki, server, imagesDir, procs, saveState, log });
    } else {
      add(
        "kwok",
        [
          `--kubeconfig=${kubeconfigs.kwok}`,
          `--config=${join(HERE, "kwok", "stages.yaml")}`,
          `--config=${kwokConfig}`,
          // Only the fake node: a real node (startCluster({ node: "real" })) has its own kubelet.
          "--manage-all-nodes=false",
          "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
          "--node-ip=127.0.0.1",
          `--node-port=${kwokPort}`,
          `--server-address=127.0.0.1:${kwokPort}`,
          `--tls-cert-file=${pki.serving.cert}`,
          `--tls-private-key-file=${pki.serving.key}`,
          "--cidr=10.244.0.1/16",
        ],
        kwokPort,
      );

      await core.createNode({
        body: {
          apiVersion: "v1",
          kind: "Node",
          metadata: {
            name: NODE_NAME,
            labels: {
              "kubernetes.io/hostname": NODE_NAME,
              "kubernetes.io/os": "linux",
              "kubernetes.io/arch": "amd64",
              type: "kwok",
            },
            annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
          },
        },
      });
    }
    const servingTls: Tls = { ca: pki.caCert };
    const nodeName = realNode?.name ?? NODE_NAME;
    for (const [name, port] of [
      ["kube-controller-manager", kcmPort],
      ["kube-scheduler", schedPort],
      ...(realNode ? [] : ([["kwok", kwokPort]] as const)),
    ] as const) {
      await waitUntil(
        `${name} /healthz`,
        async () => (await get(`https://127.0.0.1:${port}/healthz`, servingTls)).status === 200,
        procs,
        deadline,
      );
    }
    await waitUntil(
      `node ${nodeName} Ready (${realNode ? "kubelet" : "kwok"}) and untainted (node lifecycle controller)`,
      async () => {
        const node = await core.readNode({ name: nodeName });
        const ready = (node.status?.conditions ?? []).some(
          (c) => c.type === "Ready" && c.status === "True",
        );
        return ready && (node.spec?.taints ?? []).length === 0;
      },
      procs,
      deadline,
    );
    await waitUntil(
      "ServiceAccount default/default (controller manager)",
      async () => {
        await core.readNamespacedServiceAccount({ name: "default", namespace: "default" });
        return true;
      },
      procs,
      deadline,
    );
    if (realNode) {
      await kc.makeApiClient(StorageV1Api).createStorageClass({
        body: {
          metadata: {
            name: STORAGE_CLASS,
            annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
          },
          provisioner: "kubernetes.io/host-path",
          reclaimPolicy: "Delete",
          volumeBindingMode: "Immediate",
        },
      });
    }
    const startMs = Date.now() - started;
    log(`control plane ready in ${(startMs / 1000).toFixed(1)} s (${dir})`);

    let stopped = false;
    return {
      dir,
      kubeconfigPath: kubeconfigs.admin,
      server,
      pki,
      components: procs.map(({ name, pid, port, log }) => ({ name, pid, port, log })),
      startMs,
      nodeName,
      realNode,
      storageClassName: realNode ? STORAGE_CLASS : undefined,
      rss: () => Object.fromEntries(procs.map((p) => [p.name, readRss(p.pid)])),
      kubeConfig: () => {
        const k = new KubeConfig();
        k.loadFromFile(kubeconfigs.admin);
        return k;
      },
      stop: async () => {
        if (stopped) return;
        stopped = true;
        // The hostPath provisioner's directories (it deletes them only with their volumes).
        if (realNode) entry.provisioned = await provisionedPaths(kc);
        await stopProcs(procs);
        if (realNode) cleanupRealNode(realNode);
        for (const path of entry.provisioned) rmSync(path, { recursive: true, force: true });
        live.delete(entry);
        if (!keep) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stopProcs(procs, 3000);
    if (realNode) cleanupRealNode(realNode);
    live.delete(entry);
    if (!keep) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Directories of the volumes kube-controller-manager's hostPath provisioner made. */
async function provisionedPaths(kc: KubeConfig): Promise<string[]> {
  try {
    const pvs = await kc.makeApiClient(CoreV1Api).listPersistentVolume();
    return pvs.items
      .map((pv) => pv.spec?.hostPath?.path ?? "")
      .filter((path) => /^\/tmp\/hostpath_pv\/[0-9a-f-]+$/.test(path));
  } catch {
    return [];
  }
}

/** Starts the real node's containerd (with the images imported) and kubelet; see real-node.ts. */
async function startRealNode(
  plan: RealNodePlan,
  ctx: {
    dir: string;
    bin: string;
    pki: Pki;
    server: string;
    imagesDir: string;
    procs: Proc[];
    saveState: () => void;
    log: (line: string) => void;
  },
): Promise<void> {
  const { pki, procs, log } = ctx;
  const d = plan.dir;
  for (const sub of ["", "cni", "cni/net.d", "containerd", "kubelet", "pod-logs"]) {
    mkdirSync(join(d, sub), { recursive: true, mode: 0o700 });
  }
  createCgroups(plan);
  writeFileSync(join(d, "containerd.toml"), containerdConfig(plan));
  writeFileSync(join(d, "cni", "net.d", "10-pipecraft.conflist"), cniConfig(plan));
  const ca = { cert: pki.caCert, key: pki.caKey };
  const client = issueCert(pki.dir, ca, "kubelet", `system:node:${plan.name}`, ["system:nodes"]);
  const serving = issueCert(
    pki.dir,
    ca,
    "kubelet-serving",
    plan.name,
    [],
    [`IP:${plan.nodeIp}`, "IP:127.0.0.1"],
  );
  const kubeconfig = join(d, "kubelet.kubeconfig");
  writeFileSync(kubeconfig, kubeconfigYaml(ctx.server, pki.caCert, "kubelet", client));
  const [port, healthzPort] = (await freePorts(2)) as [number, number];
  writeFileSync(
    join(d, "kubelet.yaml"),
    kubeletConfig(plan, { port, healthzPort, caCert: pki.caCert, serving }),
  );

  const t0 = Date.now();
  const containerd = spawnComponent(
    ctx.dir,
    "containerd",
    "/bin/sh",
    inRuntimeCgroup(plan, ["containerd", "--config", join(d, "containerd.toml")]),
    0,
  );
  procs.push(containerd);
  ctx.saveState();
  await waitUntil(
    "containerd's socket",
    async () => {
      execFileSync("ctr", ["--address", plan.socket, "version"], { stdio: "ignore" });
      return true;
    },
    procs,
    Date.now() + 30_000,
  );
  importImages(plan, ctx.imagesDir);
  log(`containerd ready with the images in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const kubelet = spawnComponent(
    ctx.dir,
    "kubelet",
    join(ctx.bin, "kubelet"),
    [
      `--config=${join(d, "kubelet.yaml")}`,
      `--kubeconfig=${kubeconfig}`,
      `--root-dir=${join(d, "kubelet")}`,
      `--cert-dir=${join(d, "kubelet", "pki")}`,
      `--hostname-override=${plan.name}`,
      `--node-ip=${plan.nodeIp}`,
      "--v=1",
    ],
    port,
  );
  procs.push(kubelet);
  ctx.saveState();
  log(`kubelet of ${plan.name} on ${plan.nodeIp}:${port} (bridge ${plan.bridge}, ${plan.subnet})`);
}
