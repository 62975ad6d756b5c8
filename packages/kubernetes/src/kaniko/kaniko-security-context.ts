import type { V1SecurityContext } from "@pipecraft/core/kubernetes-types";

// Kaniko builds by unpacking the base image into its own root filesystem and running RUN steps
// there, so it must be root with a writable root filesystem. Everything else is taken away, and
// only the capabilities a build uses are added back (all of them in Docker's default set, so
// the Pod Security Standard "baseline" admits the container; "restricted" cannot, as it forbids
// root):
//
// - CHOWN: give unpacked and copied files their owners (`chown /bin: operation not permitted`).
// - DAC_OVERRIDE: write into directories and files whatever their modes, as root normally can
//   (`mkdir /kaniko/0/go: permission denied`).
// - FOWNER: set modes and times on files owned by another user (`chmod … operation not
//   permitted` while unpacking).
// - FSETID: keep set-group-ID bits on files whose group is not root (chage, expiry, unix_chkpwd
//   in Debian images); without it chmod clears them silently.
// - SETUID, SETGID: run RUN steps as the Dockerfile's USER (and `su`/`gosu` inside them).
// - SETFCAP: restore file capabilities (security.capability xattrs, e.g. ping in UBI images);
//   unpacking fails without it.
// - KILL: after each RUN step Kaniko kills what is left of its process group, which may run as
//   another user after USER.
//
// Not added: MKNOD (Kaniko skips device files), SYS_CHROOT (it never chroots), NET_RAW,
// NET_BIND_SERVICE and AUDIT_WRITE (only RUN steps that ping, bind ports below 1024 or write
// audit records need them; a job adds them through `kubernetes.securityContext`).
// allowPrivilegeEscalation: false sets no_new_privs: the executor keeps the capabilities above,
// but set-user-ID programs (sudo) inside RUN steps gain nothing.
const capabilities = [
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "SETGID",
  "SETUID",
  "SETFCAP",
];

/** The container securityContext of a Kaniko executor: root, with only the capabilities it uses. */
export function kanikoSecurityContext(): V1SecurityContext {
  return {
    runAsUser: 0,
    runAsGroup: 0,
    runAsNonRoot: false,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: false,
    capabilities: { drop: ["ALL"], add: [...capabilities] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}
