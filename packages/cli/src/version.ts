import { readFileSync } from "node:fs";

/** The version of the `pipecraft` package, read from its package.json (one level above src/ and dist/). */
export function version(): string {
  const manifest: unknown = JSON.parse(
    readFileSync(new URL("../package.json", import.meta.url), "utf8"),
  );
  if (typeof manifest === "object" && manifest !== null && "version" in manifest) {
    return String(manifest.version);
  }
  return "unknown";
}
