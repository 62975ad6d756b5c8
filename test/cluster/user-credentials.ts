// A user of the test cluster outside system:masters: a client certificate issued by the cluster's
// kube-apiserver-client signer through the CertificateSigningRequest API, and a kubeconfig for it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CertificatesV1Api, KubeConfig } from "@kubernetes/client-node";
import { waitFor } from "./helpers.js";
import { keyAndCsr } from "./pki.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** A client certificate for `name`, issued by the cluster's kube-apiserver-client signer. */
export async function clientCertificate(
  admin: KubeConfig,
  name: string,
): Promise<{ certPem: string; keyPem: string }> {
  const certs = admin.makeApiClient(CertificatesV1Api);
  const workDir = mkdtempSync(join(tmpdir(), "pipecraft-user-"));
  try {
    const { keyPem, csrPem } = keyAndCsr(workDir, "user", name);
    const csr = await certs.createCertificateSigningRequest({
      body: {
        metadata: { name },
        spec: {
          request: b64(csrPem),
          signerName: "kubernetes.io/kube-apiserver-client",
          usages: ["client auth"],
          expirationSeconds: 3600,
        },
      },
    });
    csr.status = {
      conditions: [
        {
          type: "Approved",
          status: "True",
          reason: "PipecraftClusterTest",
          message: "approved by a pipecraft cluster test",
        },
      ],
    };
    await certs.replaceCertificateSigningRequestApproval({ name, body: csr });
    const certB64 = await waitFor(`CSR ${name} signed by the controller manager`, async () => {
      const c = await certs.readCertificateSigningRequest({ name });
      return c.status?.certificate || undefined;
    });
    await certs.deleteCertificateSigningRequest({ name }).catch(() => {});
    return { certPem: Buffer.from(certB64, "base64").toString(), keyPem };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** A kubeconfig for the user `name` on the admin's cluster, with a fresh client certificate. */
export async function userKubeConfig(admin: KubeConfig, name: string): Promise<KubeConfig> {
  const { certPem, keyPem } = await clientCertificate(admin, name);
  const cluster = admin.getCurrentCluster();
  if (cluster === null) throw new Error("no cluster in the admin kubeconfig");
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name, certData: b64(certPem), keyData: b64(keyPem) }],
    contexts: [{ name, cluster: cluster.name, user: name }],
    currentContext: name,
  });
  return kc;
}
