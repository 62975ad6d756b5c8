// Bundles the `pipecraft` package's JavaScript (packages/cli/dist) with esbuild: its entries, each
// command, and the workspace packages they import (core, emit, gitlab, kubernetes, graph) with zod,
// in a few shared chunks instead of ~300 small ES modules. Resolving and compiling those files was
// most of `pipecraft synth`'s start-up (bench/cli-process.bench.mjs). tsc still writes the
// declarations (packages/cli's tsconfig emits only those).
//
// Left out of the bundle, loaded from node_modules as before: what is loaded only on demand and is
// heavy (the runtime and its Kubernetes client, tsx and esbuild, typescript/ts-morph for
// diagnostics, yaml for import, dagre for the needs view).
//
// Run by `pnpm build` after `tsc -b`.
import { readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const packagesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "packages");
const root = join(packagesDir, "..");
const cli = join(packagesDir, "cli");

const entryPoints = ["main", "index", "schema", "runtime", "kubernetes-types"].map((name) =>
  join(cli, "src", `${name}.ts`),
);
// Each command stays its own file, imported on demand by main (`--help` loads none of them).
entryPoints.push(join(cli, "src/commands/*.ts"));
// Module hooks run in their own thread and are registered by URL (`synth --watch`): they stay a
// file of their own, beside the shared chunk that registers them.
entryPoints.push({ in: join(cli, "src/load/fresh-modules-hooks.ts"), out: "fresh-modules-hooks" });

// The packages write `import { z } from "zod"`: zod's whole namespace as one object, which keeps
// every export of zod in the bundle (z.compile, JSON Schema import and export, ~150 kB of ~320 kB).
// As a namespace import of zod's own module, each `z.name` is a direct reference to that export and
// esbuild leaves out what none of them reaches: the same zod, less to compile at every start.
const zodClassic = join(
  dirname(createRequire(join(packagesDir, "core", "package.json")).resolve("zod")),
  "v4/classic/external.js",
);

// A bundled file's `createRequire(import.meta.url)` would resolve from packages/cli/dist, where a
// dependency of an inner package (yaml, dagre) is not always visible (pnpm); it resolves from
// that package instead, which pipecraft depends on. The same pass rewrites the zod import (above).
const packageSource = {
  name: "package-source",
  setup(build) {
    build.onLoad({ filter: /[\\/]packages[\\/][a-z-]+[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const name = relative(packagesDir, args.path).split(/[\\/]/)[0];
      const contents = text
        .replaceAll('import { z } from "zod";', `import * as z from ${JSON.stringify(zodClassic)};`)
        .replaceAll(
          "createRequire(import.meta.url)",
          `createRequire(import.meta.resolve(${JSON.stringify(`@pipecraft/${name}`)}))`,
        );
      return contents === text ? undefined : { contents, loader: "js" };
    });
  },
};

// zod's namespace re-exports every locale (~360 kB of ~800 kB bundled); pipecraft's messages are
// its own and zod's English default is the only locale anything selects, so `z.locales` keeps
// just `en`. Compiling the bundle at start-up costs in proportion to its size.
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)
        ? { path: join(args.resolveDir, "../locales/en.js"), namespace: "zod-locales" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir: join(cli, "dist"),
  outbase: join(cli, "src"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  // Less text for Node to compile at every start; names are kept, so a stack still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  // The shared chunks sit in dist/ beside main.js: version.ts reads `../package.json` from there.
  chunkNames: "[name]-[hash]",
  external: [
    "tsx",
    "tsx/*",
    "esbuild",
    "@pipecraft/runtime",
    "@pipecraft/import",
    "@kubernetes/client-node",
    "typescript",
    "ts-morph",
    "yaml",
    "@dagrejs/dagre",
  ],
  plugins: [packageSource, zodEnglishOnly],
  metafile: true,
  logLevel: "warning",
});

// Any other .js in dist is left from an earlier build (tsc used to write one per source file, and
// chunk names change with their content): removed, so that nothing can load a second copy.
const written = new Set(Object.keys(result.metafile.outputs).map((file) => join(root, file)));
for (const entry of await readdir(join(cli, "dist"), { recursive: true, withFileTypes: true })) {
  const path = join(entry.parentPath, entry.name);
  if (entry.isFile() && /\.js(\.map)?$/.test(entry.name) && !written.has(path)) await rm(path);
}
