// pipecraft as a user installs it: every package packed, the tarballs installed by plain npm into
// an ESM project and a CommonJS project outside the workspace (in the OS's temp folder), then the
// user's strict type check (no skipLibCheck) under each module resolution, `npx pipecraft synth`,
// the did-you-mean of a `needs` typo, the tarballs' contents and the size of the install.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import {
  installSize,
  npmInstall,
  type PackedPackage,
  packAll,
  tarballFiles,
} from "./packed-install.js";
import { runProcess } from "./run-process.js";

/** The synth-only install (`npm install -D pipecraft tsx`) must stay under this many bytes. */
const SIZE_BUDGET_BYTES = 25_000_000;
/** The packed CLI's version: its hints pin the optional packages to it. */
const cliVersion = (
  JSON.parse(readFileSync(join(repoRoot, "packages", "cli", "package.json"), "utf8")) as {
    version: string;
  }
).version;

const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
const root = mkdtempSync(join(tmpdir(), "pipecraft-consumer-"));
const projects = { module: join(root, "esm"), commonjs: join(root, "cjs") } as const;
let packed: PackedPackage[];

const pipelineSource = `import { pipeline } from "pipecraft";

export default pipeline({
  stages: ["build", "test"],
  default: { image: "node:22-alpine" },
  jobs: {
    build: { stage: "build", script: ["npm ci", "npm run build"] },
    test: { stage: "test", needs: ["build"], script: ["npm test"] },
  },
});
`;

const typoSource = `import { pipeline } from "pipecraft";

export default pipeline({
  stages: ["build", "test"],
  jobs: {
    build: { stage: "build", script: ["make"] },
    test: { stage: "test", needs: ["biuld"], script: ["make test"] },
  },
});
`;

// Every entry a user imports, with a type from each, so that each entry's declarations are checked.
const entriesSource = `import type { JobTemplate } from "pipecraft";
import type { V1Toleration } from "pipecraft/kubernetes-types";
import { jobSchema } from "pipecraft/schema";

export const lint: JobTemplate = { image: "node:22", script: ["npm run lint"] };
export const toleration: V1Toleration = { key: "ci", operator: "Exists" };
export const parsed: boolean = jobSchema.safeParse(lint).success;
`;

/** A user's strict tsconfig: the given module settings, nothing relaxed, no skipLibCheck. */
function tsconfig(module: string, moduleResolution: string, files: readonly string[]): string {
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module,
      moduleResolution,
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      // Classic node10 resolution reads zod's own CommonJS declarations, which default-import
      // modules: they need esModuleInterop (which `tsc --init` turns on). Nothing else is relaxed.
      ...(moduleResolution === "node10" ? { esModuleInterop: true } : {}),
    },
    files,
  });
}

// A user's shell: without the npm_config_* variables pnpm sets when it runs this suite (npx
// warns about the ones npm does not know).
const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm|pnpm)_/i.test(name)),
);

/** Module settings to check in each kind of project: [module, moduleResolution]. */
const settings: readonly (readonly [string, string])[] = [
  ["nodenext", "nodenext"],
  ["node16", "node16"],
  ["node20", "nodenext"],
  ["esnext", "bundler"],
  ["preserve", "bundler"],
  ["commonjs", "node10"],
];

async function typeCheck(project: string, module: string, resolution: string, files: string[]) {
  const config = `tsconfig.${module}-${resolution}.json`;
  writeFileSync(join(project, config), tsconfig(module, resolution, files));
  return runProcess(process.execPath, [tsc, "-p", config], { cwd: project });
}

beforeAll(async () => {
  const packs = join(root, "packs");
  mkdirSync(packs);
  packed = await packAll(packs);
  for (const [type, dir] of Object.entries(projects)) {
    mkdirSync(dir);
    writeFileSync(join(dir, "pipeline.ts"), pipelineSource);
    writeFileSync(join(dir, "typo.ts"), typoSource);
    writeFileSync(join(dir, "entries.ts"), entriesSource);
    await npmInstall(dir, {
      type: type === "module" ? "module" : "commonjs",
      devDependencies: {
        pipecraft: `file:${packed.find((pkg) => pkg.name === "pipecraft")?.tarball}`,
        tsx: "^4.20.0",
      },
      packed,
    });
  }
}, 600_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("the packed packages", () => {
  it("each hold LICENSE, README.md and dist, and no source maps or sources", async () => {
    for (const pkg of packed) {
      const files = await tarballFiles(pkg.tarball);
      expect(files, pkg.name).toContain("LICENSE");
      expect(files, pkg.name).toContain("README.md");
      expect(files, pkg.name).toContain("dist/index.js");
      expect(files, pkg.name).toContain("dist/index.d.ts");
      expect(files, pkg.name).toContain("dist/index.d.cts");
      expect(files.filter((file) => file.endsWith(".map") || file.startsWith("src/"))).toEqual([]);
      // Read from the tarball: @pipecraft/runtime is an optional peer, not installed here.
      const manifest = JSON.parse(
        execFileSync("tar", ["-xOzf", pkg.tarball, "package/package.json"], { encoding: "utf8" }),
      ) as Record<string, unknown>;
      for (const field of ["repository", "files", "keywords", "engines", "license"]) {
        expect(manifest[field], `${pkg.name} ${field}`).toBeDefined();
      }
      expect(manifest.license).toBe("MIT");
    }
  });
});

describe.each(Object.entries(projects))("a %s project", (type, project) => {
  it.each(settings)(
    "type-checks pipeline.ts and every entry under module %s, moduleResolution %s",
    async (module, resolution) => {
      const result = await typeCheck(project, module, resolution, ["pipeline.ts", "entries.ts"]);
      expect(result.stdout + result.stderr).toBe("");
      expect(result.exitCode).toBe(0);
    },
  );

  it("reports a needs typo as a type error with a did-you-mean", async () => {
    const result = await typeCheck(project, "nodenext", "nodenext", ["typo.ts"]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(
      /typo\.ts\(7,\d+\): error TS\d+: Type '"biuld"' is not assignable/,
    );
    expect(result.stdout).toContain(`Did you mean '"build"'?`);
  });

  it("synthesizes with npx pipecraft synth", async () => {
    const result = await runProcess("npx", ["--no", "pipecraft", "synth"], {
      cwd: project,
      env: userEnv,
    });
    // Messages go to stderr; stdout is kept for the YAML of --stdout.
    expect(result.stderr).toMatch(/^wrote \.gitlab-ci\.yml \(2 jobs\)/);
    expect(result.stdout).toBe("");
    expect(result.exitCode).toBe(0);
    const yaml = readFileSync(join(project, ".gitlab-ci.yml"), "utf8");
    expect(yaml).toContain("needs:\n    - build");
    const check = await runProcess("npx", ["--no", "pipecraft", "synth", "--check"], {
      cwd: project,
      env: userEnv,
    });
    expect(check.exitCode).toBe(0);
  });

  it(`loads the package with ${type === "module" ? "import" : "require (require(esm))"}`, async () => {
    const code =
      type === "module"
        ? `import("pipecraft").then((p) => console.log(typeof p.pipeline))`
        : `console.log(typeof require("pipecraft").pipeline)`;
    const result = await runProcess(process.execPath, ["-e", code], { cwd: project });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("function\n");
  });
});

describe("the synth-only install", () => {
  it("leaves the runtime out, and pipecraft run says how to install it", async () => {
    const result = await runProcess("npx", ["--no", "pipecraft", "run"], {
      env: userEnv,
      cwd: projects.module,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      "pipecraft run: @pipecraft/runtime is not installed (it is optional: it brings @kubernetes/client-node, which synth does not need); run `npm install -D @pipecraft/runtime@" +
        cliVersion +
        "`\n",
    );
  });

  it("leaves the importer (ts-morph, typescript) out, and pipecraft import says how to install it", async () => {
    writeFileSync(join(projects.module, "ci.yml"), "test:\n  script: make test\n");
    const result = await runProcess("npx", ["--no", "pipecraft", "import", "ci.yml", "--stdout"], {
      env: userEnv,
      cwd: projects.module,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      "pipecraft import: @pipecraft/import is not installed (it is optional: it brings ts-morph and the TypeScript compiler, which synth does not need); run `npm install -D @pipecraft/import@" +
        cliVersion +
        "`\n",
    );
  });

  it(`stays under ${SIZE_BUDGET_BYTES / 1e6} MB`, () => {
    const size = installSize(projects.module);
    // The figure the README quotes.
    console.log(
      `synth-only install: ${(size.bytes / 1e6).toFixed(1)} MB, ${size.packages} packages`,
    );
    expect(size.bytes).toBeLessThan(SIZE_BUDGET_BYTES);
  });
});
