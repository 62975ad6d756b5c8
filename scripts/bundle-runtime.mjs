// Bundles @pipecraft/runtime (packages/runtime/dist/index.js, written by tsc) with
// @kubernetes/client-node and its dependencies into one file, packages/runtime/dist/bundle.js,
// the package's entry. client-node is ~2,600 ES modules (a model file per Kubernetes type):
// loading them was ~2.3 s and ~75 MB of a `pipecraft run` or `apply` process's memory; one
// bundled file loads in ~0.9 s and ~50 MB less (bench/cluster-runtime.bench.ts). tsc still
// writes the declarations, which name client-node's types: it stays a dependency. A second,
// smaller bundle, dist/apply-bundle.js, is the `@pipecraft/runtime/apply` entry (below).
//
// Left out (imported from node_modules): the workspace packages and zod, which the runtime shares
// with core.
//
// Run by `pnpm build` after `tsc -b`.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const runtime = join(dirname(fileURLToPath(import.meta.url)), "..", "packages", "runtime");

// client-node's modules only declare and re-export (no import is there for its side effects),
// but its package.json does not say so ("sideEffects": false): said here, for the apply bundle,
// so that a module none of whose exports it uses is left out (ws, tar: exec and cp). The main
// bundle is left as esbuild makes it by default.
const clientNodePure = {
  name: "client-node-pure",
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === "client-node-pure") return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: "client-node-pure",
      });
      if (resolved.errors.length > 0) return undefined;
      const inClientNode = /[\\/]@kubernetes[\\/]client-node[\\/]dist[\\/]/.test(resolved.path);
      return inClientNode ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};

const options = {
  absWorkingDir: runtime,
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
};

// The package's entry.
await build({
  ...options,
  entryPoints: [join(runtime, "dist/index.js")],
  outfile: join(runtime, "dist/bundle.js"),
});

// `@pipecraft/runtime/apply`: a bundle of its own, which leaves out client-node's generated API
// clients (apply sends plain JSON requests; it keeps KubeConfig, which brings the models): about
// half as much for `pipecraft apply` to compile at every start. Not split into chunks shared with
// the entry above: esbuild's shared chunk would hold the API clients again. So a process that
// loads both entries has two copies of what they share (ClusterError among them); the CLI's
// apply command loads this one alone.
await build({
  ...options,
  entryPoints: [join(runtime, "dist/apply.js")],
  outfile: join(runtime, "dist/apply-bundle.js"),
  plugins: [clientNodePure],
});
