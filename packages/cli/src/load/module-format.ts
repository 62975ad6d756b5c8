import { readFile } from "node:fs/promises";
import { dirname, extname, join } from "node:path";

/** How Node would run a file: as an ES module or as CommonJS. */
export type ModuleFormat = "module" | "commonjs";

/**
 * Decides as Node does: `.mts`/`.mjs` are ES modules, `.cts`/`.cjs` CommonJS, and any other
 * extension follows the `"type"` of the nearest package.json (CommonJS when there is none).
 */
export async function moduleFormat(file: string): Promise<ModuleFormat> {
  const extension = extname(file);
  if (extension === ".mts" || extension === ".mjs") {
    return "module";
  }
  if (extension === ".cts" || extension === ".cjs") {
    return "commonjs";
  }
  let directory = dirname(file);
  for (;;) {
    const type = await packageType(join(directory, "package.json"));
    if (type !== undefined) {
      return type === "module" ? "module" : "commonjs";
    }
    const parent = dirname(directory);
    if (parent === directory) {
      return "commonjs";
    }
    directory = parent;
  }
}

/** The `"type"` of a package.json ("" when it has none), or undefined when the file does not exist. */
async function packageType(packageJson: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(packageJson, "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" &&
      parsed !== null &&
      "type" in parsed &&
      typeof parsed.type === "string"
      ? parsed.type
      : "";
  } catch {
    // Node itself fails on an unreadable package.json; the loader will report that, not us.
    return "";
  }
}
