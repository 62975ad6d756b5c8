// A TCP proxy between a client and kube-apiserver that can cut every open connection at once:
// in-flight requests fail with a reset, watches drop. TLS passes through untouched (the API
// server's certificate names 127.0.0.1, which the proxy listens on too).
import { connect, createServer, type Socket } from "node:net";

export type DropProxy = {
  /** https://127.0.0.1:<port>: the server to put in a kubeconfig. */
  readonly server: string;
  /** Destroys every open connection; returns how many there were. */
  dropAll(): number;
  close(): Promise<void>;
};

/** Starts a proxy to `target` (an https://host:port URL). */
export async function startDropProxy(target: string): Promise<DropProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const listening = typeof address === "object" && address !== null ? address.port : 0;
  return {
    server: `https://127.0.0.1:${listening}`,
    dropAll() {
      const count = open.size;
      for (const socket of open) socket.destroy();
      return count;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
