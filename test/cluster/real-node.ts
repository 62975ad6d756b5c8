// The real node of startCluster({ node: "real" }): containerd (with runc and the CNI bridge plugin,
// Debian's packages) and a kubelet built by build.sh, each harness with its own containerd root,
// state and socket, kubelet root, cgroup root, CNI bridge and subnet under the harness directory,
// so that two harnesses run side by side.
//
// This machine mounts cgroup v1: the kubelet runs with the cgroupfs driver (no systemd here), under
// its own cgroup root /pipecraft-<id> in every hierarchy; containerd and its shims run in
// /pipecraft-<id>/runtime, so that killing every pid below /pipecraft-<id> ends the whole node.
// Pods have no route out of the node (no masquerade: no iptables rule to leave behind) and no
// cluster DNS; service sidecars are reached on localhost under their hostAliases.
//
// Cleanup (stop(), the exit handler, and cleanupStale() after an owner was SIGKILLed) is
// cleanupRealNode(): kill every process of the cgroup root, unmount what is mounted under the
// harness dir (container root file systems, network namespaces, pod volumes), delete the bridge,
// the CNI result cache and the cgroups.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const CGROUP_FS = "/sys/fs/cgroup";
const CNI_BIN = "/usr/lib/cni";
const CNI_CACHE = "/var/lib/cni/results";
/** Where containerd 1.6's runc shims put their sockets, whatever containerd's own state dir. */
const SHIM_SOCKETS = "/run/containerd/s";

/** What cleanup needs to find a real node's leftovers again (saved in the harness state file). */
export interface RealNodePlan {
  /** Node name, also the CNI network name. */
  name: string;
  /** Directory of containerd, kubelet and CNI state (inside the harness dir). */
  dir: string;
  /** Cgroup root (relative, no leading slash) in every cgroup v1 hierarchy. */
  cgroup: string;
  bridge: string;
  subnet: string;
  nodeIp: string;
  socket: string;
}

/** Local images every real node imports (built by images.sh). */
export const NODE_IMAGES = {
  busybox: "localhost/pipecraft-test/busybox:1",
  pause: "localhost/pipecraft-test/pause:1",
  debian: "localhost/pipecraft-test/debian:12",
} as const;

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function tryRun(cmd: string, args: string[]): string {
  try {
    return run(cmd, args);
  } catch {
    return "";
  }
}

/** The directory with the OCI archives of the node images (built once per machine by images.sh). */
export function ensureImages(here: string, log: (line: string) => void = () => {}): string {
  const given = process.env.PIPECRAFT_NODE_IMAGES;
  if (given) return given;
  log("test/cluster/images.sh: building or reusing the node images");
  const out = execFileSync("bash", [join(here, "images.sh")], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  return out.trim().split("\n").pop() ?? "";
}

/** What is missing on this machine for a real node, as a one-line reason (undefined: nothing). */
export function realNodeMissing(): string | undefined {
  if (process.getuid?.() !== 0) return "a real node needs root (containers, cgroups, mounts)";
  for (const [bin, pkg] of [
    ["containerd", "containerd"],
    ["runc", "runc"],
    ["ctr", "containerd"],
    ["ip", "iproute2"],
  ] as const) {
    if (tryRun("sh", ["-c", `command -v ${bin}`]) === "") {
      return `${bin} is not installed (apt-get install ${pkg}; .ci/run installs it)`;
    }
  }
  if (!existsSync(join(CNI_BIN, "bridge"))) {
    return `no CNI bridge plugin in ${CNI_BIN} (apt-get install containernetworking-plugins)`;
  }
  if (!existsSync(join(CGROUP_FS, "memory", "cgroup.procs"))) {
    return `${CGROUP_FS}/memory is not a cgroup v1 hierarchy (the real node is made for cgroup v1)`;
  }
  return undefined;
}

/** The host's first global IPv4 address: the node's InternalIP (the kubelet serves on it). */
function hostIp(): string {
  const m = /inet (\d+\.\d+\.\d+\.\d+)\//.exec(
    run("ip", ["-4", "-o", "addr", "show", "scope", "global"]),
  );
  if (!m)
    throw new Error("real node: no global IPv4 address on this machine for the node's InternalIP");
  return m[1]!;
}

/** A /24 in 10.128.0.0/9 that no interface or route of this machine uses yet. */
function freeSubnet(): string {
  const used = run("ip", ["-4", "route", "show", "table", "all"]);
  for (;;) {
    const s = `10.${128 + Math.floor(Math.random() * 127)}.${Math.floor(Math.random() * 256)}`;
    if (!used.includes(`${s}.`)) return `${s}.0/24`;
  }
}

/** Names and addresses of a new real node whose state lives in `dir`. */
export function planRealNode(dir: string): RealNodePlan {
  const id = Math.random().toString(16).slice(2, 10).padEnd(8, "0");
  return {
    name: `pipecraft-real-${id}`,
    dir,
    cgroup: `pipecraft-${id}`,
    bridge: `pcn${id}`,
    subnet: freeSubnet(),
    nodeIp: hostIp(),
    socket: join(dir, "containerd.sock"),
  };
}

function hierarchies(): string[] {
  return readdirSync(CGROUP_FS).filter((h) => existsSync(join(CGROUP_FS, h, "cgroup.procs")));
}

/** Creates the cgroup root (and its `runtime` child) in every hierarchy; cpuset needs cpus/mems. */
export function createCgroups(plan: RealNodePlan): void {
  for (const h of hierarchies()) {
    for (const rel of [plan.cgroup, join(plan.cgroup, "runtime")]) {
      const path = join(CGROUP_FS, h, rel);
      run("mkdir", ["-p", path]);
      if (h === "cpuset") {
        for (const f of ["cpuset.cpus", "cpuset.mems"]) {
          const parent = readFileSync(join(path, "..", f), "utf8").trim();
          if (readFileSync(join(path, f), "utf8").trim() === "")
            writeFileSync(join(path, f), parent);
        }
      }
    }
  }
}

/** A shell command that moves itself into the node's runtime cgroups, then execs `argv`. */
export function inRuntimeCgroup(plan: RealNodePlan, argv: string[]): string[] {
  const paths = hierarchies().map((h) =>
    join(CGROUP_FS, h, plan.cgroup, "runtime", "cgroup.procs"),
  );
  const script = `for f in ${paths.join(" ")}; do echo $$ > "$f"; done; exec "$@"`;
  return ["-c", script, "sh", ...argv];
}

/** containerd's config: everything under plan.dir, the CRI plugin on the pause image and CNI. */
export function containerdConfig(plan: RealNodePlan): string {
  const d = plan.dir;
  const cri = 'plugins."io.containerd.grpc.v1.cri"';
  return `version = 2
root = "${d}/containerd/root"
state = "${d}/containerd/state"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]
[grpc]
  address = "${plan.socket}"
[ttrpc]
  address = "${plan.socket}.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "${d}/containerd/opt"
[${cri}]
  sandbox_image = "${NODE_IMAGES.pause}"
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  # This sandbox has no CAP_SYS_RESOURCE: a negative oom_score_adj (the sandbox's -998) is refused,
  # and runc fails with "can't get final child's PID from pipe: EOF". Never go below containerd's.
  restrict_oom_score_adj = true
  # Network namespaces under the state dir, not /var/run/netns: cleanup finds them there.
  netns_mounts_under_state_dir = true
  [${cri}.containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    discard_unpacked_layers = true
    [${cri}.containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [${cri}.containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "${d}/runc"
  [${cri}.cni]
    bin_dir = "${CNI_BIN}"
    conf_dir = "${d}/cni/net.d"
`;
}

/** The CNI network: a bridge of its own with host-local addresses, no masquerade. */
export function cniConfig(plan: RealNodePlan): string {
  return `${JSON.stringify(
    {
      cniVersion: "1.0.0",
      name: plan.name,
      plugins: [
        {
          type: "bridge",
          bridge: plan.bridge,
          isGateway: true,
          ipMasq: false,
          hairpinMode: true,
          ipam: {
            type: "host-local",
            ranges: [[{ subnet: plan.subnet }]],
            dataDir: join(plan.dir, "cni", "ipam"),
          },
        },
      ],
    },
    null,
    2,
  )}\n`;
}

/** The kubelet's configuration file (KubeletConfiguration v1beta1, as JSON). */
export function kubeletConfig(
  plan: RealNodePlan,
  opts: {
    port: number;
    healthzPort: number;
    caCert: string;
    serving: { cert: string; key: string };
  },
): string {
  return `${JSON.stringify(
    {
      apiVersion: "kubelet.config.k8s.io/v1beta1",
      kind: "KubeletConfiguration",
      // cgroup v1 and no systemd: the cgroupfs driver, under a cgroup root of this node's own.
      cgroupDriver: "cgroupfs",
      cgroupRoot: `/${plan.cgroup}`,
      cgroupsPerQOS: true,
      failCgroupV1: false,
      failSwapOn: false,
      address: plan.nodeIp,
      port: opts.port,
      readOnlyPort: 0,
      healthzBindAddress: "127.0.0.1",
      healthzPort: opts.healthzPort,
      tlsCertFile: opts.serving.cert,
      tlsPrivateKeyFile: opts.serving.key,
      authentication: {
        anonymous: { enabled: false },
        webhook: { enabled: false },
        x509: { clientCAFile: opts.caCert },
      },
      authorization: { mode: "AlwaysAllow" },
      containerRuntimeEndpoint: `unix://${plan.socket}`,
      podLogsDir: join(plan.dir, "pod-logs"),
      // The images cannot be pulled again: never garbage-collect them.
      imageGCHighThresholdPercent: 100,
      imageGCLowThresholdPercent: 99,
      evictionHard: {
        "memory.available": "100Mi",
        "nodefs.available": "1%",
        "imagefs.available": "1%",
        "nodefs.inodesFree": "1%",
      },
      // No KUBE-FIREWALL / canary chains: nothing global in iptables.
      makeIPTablesUtilChains: false,
      resolvConf: "/etc/resolv.conf",
      registerNode: true,
      serializeImagePulls: false,
      // Quick status for the tests.
      nodeStatusUpdateFrequency: "5s",
      syncFrequency: "10s",
      fileCheckFrequency: "0s",
    },
    null,
    2,
  )}\n`;
}

/** Imports every OCI archive of `imagesDir` into the node's containerd (CRI namespace). */
export function importImages(plan: RealNodePlan, imagesDir: string): void {
  for (const f of readdirSync(imagesDir)
    .filter((n) => n.endsWith(".oci.tar"))
    .sort()) {
    run("ctr", ["--address", plan.socket, "-n", "k8s.io", "images", "import", join(imagesDir, f)]);
  }
}

function cgroupPids(path: string): number[] {
  if (!existsSync(path)) return [];
  const pids: number[] = [];
  const walk = (dir: string) => {
    try {
      for (const l of readFileSync(join(dir, "cgroup.procs"), "utf8").split("\n")) {
        if (l.trim() !== "") pids.push(Number(l));
      }
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
      }
    } catch {
      // removed meanwhile
    }
  };
  walk(path);
  return pids;
}

function removeCgroupTree(path: string): void {
  if (!existsSync(path)) return;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.isDirectory()) removeCgroupTree(join(path, e.name));
  }
  try {
    rmdirSync(path);
  } catch {
    // busy: reported by realNodeLeftovers()
  }
}

/** Ids of the Pod sandboxes containerd made (its CRI sandbox directories). */
function sandboxIds(plan: RealNodePlan): Set<string> {
  const dir = join(plan.dir, "containerd", "root", "io.containerd.grpc.v1.cri", "sandboxes");
  return new Set(existsSync(dir) ? readdirSync(dir) : []);
}

/** A file of libcni's result cache that this node wrote (its network, or loopback of its Pods). */
function ownCniResult(plan: RealNodePlan, sandboxes: Set<string>, file: string): boolean {
  if (file.startsWith(`${plan.name}-`)) return true;
  const m = /^cni-loopback-([0-9a-f]{64})-lo$/.exec(file);
  return m !== null && sandboxes.has(m[1]!);
}

/**
 * The shim sockets of this node's Pods: containerd 1.6 names them sha256(<containerd socket>/
 * <namespace>/<sandbox id>) under /run/containerd/s; a SIGKILLed shim leaves its socket there.
 */
function shimSockets(plan: RealNodePlan, sandboxes: Set<string>): string[] {
  return [...sandboxes]
    .map((id) => {
      const hash = createHash("sha256").update(`${plan.socket}/k8s.io/${id}`).digest("hex");
      return join(SHIM_SOCKETS, hash);
    })
    .filter((path) => existsSync(path));
}

/** Mount points under `dir`, deepest first. */
function mountsUnder(dir: string): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[4] ?? "")
    .filter((m) => m === dir || m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

/**
 * Ends a real node and removes what it left on the machine (processes, mounts, network namespaces,
 * bridge, CNI cache, cgroups). Synchronous (usable from an `exit` handler) and idempotent.
 */
export function cleanupRealNode(plan: RealNodePlan): void {
  const root = join(CGROUP_FS, "pids", plan.cgroup);
  const fallback = join(CGROUP_FS, "memory", plan.cgroup);
  for (let round = 0; round < 50; round++) {
    const pids = [...new Set([...cgroupPids(root), ...cgroupPids(fallback)])];
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    execFileSync("sleep", ["0.1"]);
  }
  for (const m of mountsUnder(plan.dir)) tryRun("umount", ["-l", m]);
  tryRun("ip", ["link", "delete", plan.bridge]);
  const sandboxes = sandboxIds(plan);
  if (existsSync(CNI_CACHE)) {
    for (const f of readdirSync(CNI_CACHE)) {
      if (ownCniResult(plan, sandboxes, f)) rmSync(join(CNI_CACHE, f), { force: true });
    }
  }
  for (const socket of shimSockets(plan, sandboxes)) rmSync(socket, { force: true });
  for (const h of hierarchies()) removeCgroupTree(join(CGROUP_FS, h, plan.cgroup));
}

/** What a real node left behind (empty: nothing), for the cleanup tests. */
export function realNodeLeftovers(plan: RealNodePlan): string[] {
  const left: string[] = [];
  const pids = cgroupPids(join(CGROUP_FS, "pids", plan.cgroup));
  if (pids.length > 0) left.push(`processes ${pids.join(",")}`);
  for (const h of hierarchies()) {
    if (existsSync(join(CGROUP_FS, h, plan.cgroup))) left.push(`cgroup ${h}/${plan.cgroup}`);
  }
  for (const m of mountsUnder(plan.dir)) left.push(`mount ${m}`);
  if (tryRun("ip", ["link", "show", plan.bridge]) !== "") left.push(`bridge ${plan.bridge}`);
  const links = tryRun("ip", ["-o", "link", "show", "master", plan.bridge]).trim();
  if (links !== "") left.push(`veths ${links}`);
  const rules = tryRun("iptables-save", []).split("\n");
  for (const r of rules)
    if (r.includes(plan.name) || r.includes(plan.subnet)) left.push(`iptables ${r}`);
  const sandboxes = sandboxIds(plan);
  if (existsSync(CNI_CACHE)) {
    for (const f of readdirSync(CNI_CACHE)) {
      if (ownCniResult(plan, sandboxes, f)) left.push(`cni cache ${f}`);
    }
  }
  for (const socket of shimSockets(plan, sandboxes)) left.push(`shim socket ${socket}`);
  return left;
}
