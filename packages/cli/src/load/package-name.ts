import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * The `name` of the nearest package.json at or above `directory`, without its npm scope; undefined
 * when there is none. It names the pipeline on Kubernetes when neither --name nor
 * `kubernetes.name` does: unlike a folder name, it is the same in every clone.
 */
export async function nearestPackageName(directory: string): Promise<string | undefined> {
  for (let current = directory; ; current = dirname(current)) {
    const text = await readFile(join(current, "package.json"), "utf8").catch(() => undefined);
    if (text !== undefined) {
      const name: unknown = (() => {
        try {
          return (JSON.parse(text) as { name?: unknown }).name;
        } catch {
          return undefined;
        }
      })();
      if (typeof name === "string" && name !== "") return name.replace(/^@[^/]*\//, "");
    }
    if (dirname(current) === current) return undefined;
  }
}
