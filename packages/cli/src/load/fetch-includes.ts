// `validate --resolve-includes`: `remote` and `template` includes fetched over HTTPS into a
// cache beside the file, so that a second run reads them from disk. `synth` never fetches.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Diagnostic, errorDiagnostic } from "@pipecraft/core";
import type { FetchableInclude } from "@pipecraft/gitlab";

/** Where GitLab's own templates are read from, unless `--templates-url` says otherwise. */
export const GITLAB_TEMPLATES_URL =
  "https://gitlab.com/gitlab-org/gitlab/-/raw/master/lib/gitlab/ci/templates/";

/** How includes are fetched: the cache directory and the base URL of `template` includes. */
export type FetchOptions = { cacheDirectory: string; templatesUrl: string };

/** The key an include is known by in the fetched texts: `remote:URL`, `template:NAME`. */
export function includeKey(include: FetchableInclude): string {
  return `${include.kind}:${include.location}`;
}

/**
 * Fetches each include (from the cache when it is there) and returns the texts by
 * `includeKey`, and a diagnostic for each that could not be fetched.
 */
export async function fetchIncludes(
  includes: readonly FetchableInclude[],
  options: FetchOptions,
): Promise<{ texts: Map<string, string>; diagnostics: Diagnostic[] }> {
  const texts = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const include of includes) {
    const url = includeUrl(include, options.templatesUrl);
    if (url === undefined || !url.startsWith("https://")) {
      diagnostics.push(
        errorDiagnostic(
          "include/fetch-failed",
          "include",
          `not fetched: ${include.location} is not an https:// URL; --resolve-includes fetches over HTTPS only`,
        ),
      );
      continue;
    }
    const fetched = await cachedFetch(url, options.cacheDirectory);
    if ("text" in fetched) texts.set(includeKey(include), fetched.text);
    else {
      diagnostics.push(
        errorDiagnostic(
          "include/fetch-failed",
          "include",
          `could not fetch ${url}: ${fetched.problem}`,
        ),
      );
    }
  }
  return { texts, diagnostics };
}

function includeUrl(include: FetchableInclude, templatesUrl: string): string | undefined {
  try {
    if (include.kind === "remote") return new URL(include.location).href;
    const base = templatesUrl.endsWith("/") ? templatesUrl : `${templatesUrl}/`;
    return new URL(include.location.replace(/^\/+/, ""), base).href;
  } catch {
    return undefined;
  }
}

async function cachedFetch(
  url: string,
  cacheDirectory: string,
): Promise<{ text: string } | { problem: string }> {
  const file = join(cacheDirectory, `${createHash("sha256").update(url).digest("hex")}.yml`);
  const cached = await readFile(file, "utf8").catch(() => undefined);
  if (cached !== undefined) return { text: cached };
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: "follow" });
  } catch (thrown) {
    return { problem: fetchProblem(thrown) };
  }
  if (!response.ok) return { problem: `HTTP ${response.status}` };
  const text = await response.text();
  // Written whole or not at all: a later run never reads half a file.
  await mkdir(cacheDirectory, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, text);
  await rename(partial, file);
  return { text };
}

// fetch's own message is "fetch failed"; the cause says why (a certificate, a refused connection).
function fetchProblem(thrown: unknown): string {
  if (!(thrown instanceof Error)) return String(thrown);
  const cause = thrown.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" ? `${cause.message} (${code})` : cause.message;
  }
  return thrown.message;
}
