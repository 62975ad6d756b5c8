// The test cluster's own PKI, made with the openssl command line: a CA, one serving certificate for
// every component on 127.0.0.1, client certificates for each identity, and the service-account
// signing key pair. EC P-256 keys: quick to generate, accepted by every Kubernetes component.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The ClusterIP of the `kubernetes` Service: first address of the service range. */
export const SERVICE_CIDR = "10.96.0.0/16";
const SERVICE_IP = "10.96.0.1";

export interface KeyPair {
  cert: string;
  key: string;
}

export interface Pki {
  dir: string;
  caCert: string;
  caKey: string;
  serving: KeyPair;
  /** system:masters: the tests' admin identity (also used by the API server towards kwok). */
  admin: KeyPair;
  controllerManager: KeyPair;
  scheduler: KeyPair;
  /** kwok plays every kubelet; it runs in system:masters. */
  kwok: KeyPair;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(`openssl ${args.join(" ")} failed: ${e.stderr?.toString() ?? e.message}`);
  }
}

function ecKey(dir: string, name: string): string {
  const path = join(dir, `${name}.key`);
  openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", path], dir);
  return path;
}

/** Subject in openssl's `/CN=.../O=...` form. */
function subject(cn: string, groups: readonly string[]): string {
  return `/CN=${cn}${groups.map((g) => `/O=${g}`).join("")}`;
}

/** Signs a certificate for `cn` (member of `groups`) with the CA; `san` makes it a serving cert. */
export function issueCert(
  pkiDir: string,
  ca: { cert: string; key: string },
  name: string,
  cn: string,
  groups: readonly string[] = [],
  san: readonly string[] = [],
): KeyPair {
  const key = ecKey(pkiDir, name);
  const csr = join(pkiDir, `${name}.csr`);
  const cert = join(pkiDir, `${name}.crt`);
  const ext = join(pkiDir, `${name}.ext`);
  writeFileSync(
    ext,
    [
      "basicConstraints = critical, CA:FALSE",
      "keyUsage = critical, digitalSignature, keyEncipherment",
      `extendedKeyUsage = ${san.length > 0 ? "serverAuth, clientAuth" : "clientAuth"}`,
      ...(san.length > 0 ? [`subjectAltName = ${san.join(", ")}`] : []),
      "",
    ].join("\n"),
  );
  openssl(["req", "-new", "-key", key, "-subj", subject(cn, groups), "-out", csr], pkiDir);
  openssl(
    [
      "x509",
      "-req",
      "-in",
      csr,
      "-CA",
      ca.cert,
      "-CAkey",
      ca.key,
      "-CAcreateserial",
      "-days",
      "365",
      "-sha256",
      "-extfile",
      ext,
      "-out",
      cert,
    ],
    pkiDir,
  );
  return { cert, key };
}

/** Creates the whole PKI under `dir`. */
export function createPki(dir: string): Pki {
  mkdirSync(dir, { recursive: true });
  const caKey = ecKey(dir, "ca");
  const caCert = join(dir, "ca.crt");
  const caConf = join(dir, "ca.cnf");
  writeFileSync(
    caConf,
    [
      "[req]",
      "distinguished_name = dn",
      "x509_extensions = v3_ca",
      "prompt = no",
      "[dn]",
      "CN = pipecraft-test-ca",
      "[v3_ca]",
      "basicConstraints = critical, CA:TRUE",
      "keyUsage = critical, keyCertSign, cRLSign, digitalSignature",
      "subjectKeyIdentifier = hash",
      "",
    ].join("\n"),
  );
  openssl(
    ["req", "-x509", "-new", "-config", caConf, "-key", caKey, "-days", "3650", "-out", caCert],
    dir,
  );
  const ca = { cert: caCert, key: caKey };
  const serving = issueCert(
    dir,
    ca,
    "serving",
    "pipecraft-test-serving",
    [],
    [
      "IP:127.0.0.1",
      `IP:${SERVICE_IP}`,
      "DNS:localhost",
      "DNS:kubernetes",
      "DNS:kubernetes.default",
      "DNS:kubernetes.default.svc",
      "DNS:kubernetes.default.svc.cluster.local",
    ],
  );
  const serviceAccountKey = ecKey(dir, "service-account");
  const serviceAccountPub = join(dir, "service-account.pub");
  openssl(["ec", "-in", serviceAccountKey, "-pubout", "-out", serviceAccountPub], dir);
  return {
    dir,
    caCert,
    caKey,
    serving,
    admin: issueCert(dir, ca, "admin", "pipecraft-admin", ["system:masters"]),
    controllerManager: issueCert(
      dir,
      ca,
      "kube-controller-manager",
      "system:kube-controller-manager",
    ),
    scheduler: issueCert(dir, ca, "kube-scheduler", "system:kube-scheduler"),
    kwok: issueCert(dir, ca, "kwok", "kwok-controller", ["system:masters"]),
    serviceAccountKey,
    serviceAccountPub,
  };
}

const b64 = (path: string): string => readFileSync(path).toString("base64");

/** A kubeconfig (JSON, which is valid YAML) with the certificates embedded. */
export function kubeconfigYaml(
  server: string,
  caCert: string,
  user: string,
  pair: KeyPair,
): string {
  return `${JSON.stringify(
    {
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        { name: "pipecraft-test", cluster: { server, "certificate-authority-data": b64(caCert) } },
      ],
      users: [
        {
          name: user,
          user: {
            "client-certificate-data": b64(pair.cert),
            "client-key-data": b64(pair.key),
          },
        },
      ],
      contexts: [{ name: "pipecraft-test", context: { cluster: "pipecraft-test", user } }],
      "current-context": "pipecraft-test",
    },
    null,
    2,
  )}\n`;
}

/** A new EC key and a PKCS#10 request for `cn` in `groups`, both PEM (for the CSR API). */
export function keyAndCsr(
  dir: string,
  name: string,
  cn: string,
  groups: readonly string[] = [],
): { keyPem: string; csrPem: string } {
  const key = ecKey(dir, name);
  const csr = join(dir, `${name}.csr`);
  openssl(["req", "-new", "-key", key, "-subj", subject(cn, groups), "-out", csr], dir);
  return { keyPem: readFileSync(key, "utf8"), csrPem: readFileSync(csr, "utf8") };
}
