// Writes a CommonJS twin (`.d.cts`) of every declaration file tsc emitted into packages/*/dist.
//
// The packages are ESM. Node ≥ 20.19 can `require()` them (require(esm)), and TypeScript ≥ 5.8
// accepts that under `module: nodenext`/`node20`, but under `module: node16` a CommonJS file that
// imports an ESM declaration file is error TS1479. The `require` branch of each package's
// `exports` therefore points its `types` at these twins: the same declarations, read as CommonJS,
// whose relative imports lead to other twins (`./x.js` becomes `./x.cjs`, which TypeScript maps
// to `./x.d.cts`). Bare imports stay: they resolve through the other packages' `require` branch.
//
// Run by `pnpm build` after `tsc -b`.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "packages");

// `from "./x.js"`, `import("../y/index.js")`: relative specifiers ending in .js.
const relativeSpecifier = /(["'])(\.\.?\/[^"'\n]*?)\.js\1/g;
const sourceMapComment = /^\/\/# sourceMappingURL=.*$/m;

/** The `.d.cts` text for the `.d.ts` text `text`. */
function cjsDeclaration(text) {
  return text.replace(relativeSpecifier, "$1$2.cjs$1").replace(sourceMapComment, "");
}

/** Every `.d.ts` file under `dir`. */
function declarationFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return declarationFiles(path);
    return name.endsWith(".d.ts") ? [path] : [];
  });
}

for (const name of readdirSync(packagesDir)) {
  const dist = join(packagesDir, name, "dist");
  let files;
  try {
    files = declarationFiles(dist);
  } catch {
    continue; // not built (yet)
  }
  for (const file of files) {
    const target = `${file.slice(0, -".d.ts".length)}.d.cts`;
    const text = cjsDeclaration(readFileSync(file, "utf8"));
    let existing;
    try {
      existing = readFileSync(target, "utf8");
    } catch {
      existing = undefined;
    }
    if (existing !== text) writeFileSync(target, text);
  }
}
