// Bundles @pipecraft/runtime (packages/runtime/dist/index.js, written by tsc) with
// @kubernetes/client-node and its dependencies into one file, packages/runtime/dist/bundle.js,
// the package's entry. client-node is ~2,600 ES modules (a model file per Kubernetes type):
// loading them was ~2.3 s and ~75 MB of a `pipecraft run` or `apply` process's memory; one
// bundled file loads in ~0.9 s and ~50 MB less (bench/cluster-runtime.bench.ts). tsc still
// writes the declarations, which name client-node's types: it stays a dependency.
//
// Left out (imported from node_modules): the workspace packages and zod, which the runtime shares
// with core.
//
// Run by `pnpm build` after `tsc -b`.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const runtime = join(dirname(fileURLToPath(import.meta.url)), "..", "packages", "runtime");

await build({
  absWorkingDir: runtime,
  entryPoints: [join(runtime, "dist/index.js")],
  outfile: join(runtime, "dist/bundle.js"),
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  minifyWhitespace: true,
  minifySyntax: true,
  external: ["@pipecraft/*", "zod", "zod/*"],
  // client-node's dependencies include CommonJS modules that `require` Node's own modules.
  banner: {
    js: 'import { createRequire as __pipecraftRequire } from "node:module"; const require = __pipecraftRequire(import.meta.url);',
  },
  logLevel: "warning",
});
