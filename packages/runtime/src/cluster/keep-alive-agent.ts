// client-node gives each request of its API clients an Agent of its own, so every request opens
// a connection of its own: a TCP connect and a TLS handshake, on both ends, and garbage behind
// it. One keep-alive agent per kubeconfig, with the same TLS options, lets requests reuse
// connections, as kubectl's do.
import http from "node:http";
import https from "node:https";

/** What makes two of client-node's agents interchangeable (the rest it never sets). */
const TLS_OPTIONS = ["ca", "cert", "key", "pfx", "passphrase", "rejectUnauthorized", "servername"];

/** Idle connections are closed after this long (servers close them after longer: 90 s). */
const IDLE_MS = 15_000;

/** A source of shared keep-alive agents. */
export type AgentPool = (agent: http.Agent) => http.Agent;

/**
 * An AgentPool: for a plain http or https Agent, the keep-alive agent with the same TLS options
 * (the last one made, made again when the options change, e.g. a refreshed client certificate);
 * any other agent (a proxy's) as it is.
 */
export function agentPool(): AgentPool {
  let last: { key: string; agent: http.Agent } | undefined;
  return (agent) => {
    const Kind = agent.constructor;
    if (Kind !== https.Agent && Kind !== http.Agent) return agent;
    const options = (agent as http.Agent & { options?: Record<string, unknown> }).options ?? {};
    const key = JSON.stringify([
      Kind === https.Agent,
      ...TLS_OPTIONS.map((name) => {
        const value = options[name];
        return value === undefined || value === null ? null : String(value);
      }),
    ]);
    if (last?.key !== key) {
      const kept = Object.fromEntries(TLS_OPTIONS.map((name) => [name, options[name]]));
      const settings = { ...kept, keepAlive: true, timeout: IDLE_MS };
      last = {
        key,
        agent: Kind === https.Agent ? new https.Agent(settings) : new http.Agent(settings),
      };
    }
    return last.agent;
  };
}
