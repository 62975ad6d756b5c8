// `pipecraft init` in temporary repositories outside this one (so that the lockfile they hold is
// the one found): what it writes, what it leaves alone, and that the result passes
// `pipecraft check` at once. "Installing" is a link to this workspace's build, never the network.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseGitlabYaml } from "@pipecraft/gitlab";
import { afterEach, describe, expect, it } from "vitest";
import { addDevDependencies } from "../src/init/add-dev-dependencies.js";
import { initDevDependencies } from "../src/init/dev-dependencies.js";
import { starterPipeline } from "../src/init/starter-pipeline.js";
import { usage } from "../src/usage.js";
import { version } from "../src/version.js";
import { listFiles, repoRoot, run } from "./project.js";

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh repository in the system temp directory holding `files`. */
async function repository(files: Record<string, string> = {}): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "pipecraft-init-"));
  directories.push(directory);
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(directory, name), text);
  }
  return directory;
}

/** What `npm install` would put in node_modules for init's devDependencies: this workspace's builds. */
async function install(directory: string): Promise<void> {
  await mkdir(join(directory, "node_modules"), { recursive: true });
  await symlink(join(repoRoot, "packages/cli"), join(directory, "node_modules/pipecraft"), "dir");
  for (const name of ["tsx", "typescript"]) {
    await symlink(join(repoRoot, "node_modules", name), join(directory, "node_modules", name));
  }
}

const read = (directory: string, name: string): Promise<string> =>
  readFile(join(directory, name), "utf8");

const rootManifest = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8"));

describe("pipecraft init in an empty repository", () => {
  it("writes pipeline.ts, a minimal package.json and tsconfig.json, and passes check (npm)", async () => {
    const directory = await repository();
    expect(await run(["init"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: [
        "wrote pipeline.ts",
        "wrote package.json (devDependencies: pipecraft, tsx, typescript)",
        "wrote tsconfig.json",
        "next: npm install, then npx pipecraft check",
        "",
      ].join("\n"),
    });
    expect(await listFiles(directory)).toEqual(["package.json", "pipeline.ts", "tsconfig.json"]);
    expect(JSON.parse(await read(directory, "package.json"))).toEqual({
      name: expect.stringMatching(/^pipecraft-init-/),
      private: true,
      type: "module",
      devDependencies: {
        pipecraft: `^${version()}`,
        tsx: rootManifest.devDependencies.tsx,
        typescript: `^${rootManifest.devDependencies.typescript}`,
      },
    });
    expect(await read(directory, "pipeline.ts")).toBe(starterPipeline("npm"));

    await install(directory);
    expect(await run(["check"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: "pipeline.ts type-checks and is valid (3 jobs)\n",
    });
  });

  it("with a pnpm lockfile: pnpm commands, in pipeline.ts too, and passes check", async () => {
    const directory = await repository({ "pnpm-lock.yaml": "lockfileVersion: '9.0'\n" });
    const result = await run(["init"], directory);
    expect(result.code).toBe(0);
    expect(result.stderr.trimEnd().split("\n").at(-1)).toBe(
      "next: pnpm install, then pnpm exec pipecraft check",
    );
    const pipeline = await read(directory, "pipeline.ts");
    expect(pipeline).toContain('"pnpm install --frozen-lockfile"');
    expect(pipeline).toContain('"pnpm exec pipecraft synth --check"');
    await install(directory);
    expect((await run(["check"], directory)).stderr).toBe(
      "pipeline.ts type-checks and is valid (3 jobs)\n",
    );
  });

  it.each([
    ["yarn.lock", "next: yarn install, then yarn pipecraft check"],
    ["bun.lock", "next: bun install, then bunx pipecraft check"],
    ["package-lock.json", "next: npm install, then npx pipecraft check"],
  ])("with %s: %s", async (lockfile, next) => {
    const directory = await repository({ [lockfile]: "{}\n" });
    const result = await run(["init"], directory);
    expect(result.stderr.trimEnd().split("\n").at(-1)).toBe(next);
    await install(directory);
    expect((await run(["check"], directory)).code).toBe(0);
  });
});

describe("pipecraft init in an existing repository", () => {
  const existing = `{
    "name": "acme",
    "version": "1.0.0",
    "scripts": {
        "test": "node --test"
    },
    "devDependencies": {
        "eslint": "^9.0.0"
    },
    "dependencies": {
        "express": "^5.0.0",
        "tsx": "^4.0.0"
    }
}
`;

  it("adds only what package.json lacks, keeping the rest byte for byte, and passes check (pnpm, CommonJS)", async () => {
    const directory = await repository({ "package.json": existing, "pnpm-lock.yaml": "" });
    expect(await run(["init"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: [
        "wrote pipeline.ts",
        "added pipecraft, typescript to devDependencies in package.json",
        "left alone: package.json already lists tsx (dependencies)",
        "wrote tsconfig.json",
        "next: pnpm install, then pnpm exec pipecraft check",
        "",
      ].join("\n"),
    });
    expect(await read(directory, "package.json")).toBe(
      existing.replace(
        '"eslint": "^9.0.0"\n',
        `"eslint": "^9.0.0",\n        "pipecraft": "^${version()}",\n        "typescript": "^5.9.3"\n`,
      ),
    );
    // No "type": "module": pipeline.ts is a CommonJS-scoped file, and that works too.
    await install(directory);
    expect((await run(["check"], directory)).stderr).toBe(
      "pipeline.ts type-checks and is valid (3 jobs)\n",
    );
  });

  it("leaves an existing pipeline.ts and tsconfig.json alone, and says so", async () => {
    const mine = 'import { pipeline } from "pipecraft";\nexport default pipeline({ jobs: {} });\n';
    const directory = await repository({
      "pipeline.ts": mine,
      "tsconfig.json": "{}\n",
      "package-lock.json": "{}\n",
    });
    expect(await run(["init"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: [
        "left alone: pipeline.ts (it exists)",
        "wrote package.json (devDependencies: pipecraft, tsx, typescript)",
        "left alone: tsconfig.json (it exists)",
        "next: npm install, then npx pipecraft check",
        "",
      ].join("\n"),
    });
    expect(await read(directory, "pipeline.ts")).toBe(mine);
    expect(await read(directory, "tsconfig.json")).toBe("{}\n");
  });

  it("run twice: everything is left alone and nothing changes", async () => {
    const directory = await repository();
    await run(["init"], directory);
    const before = await Promise.all(
      ["package.json", "pipeline.ts", "tsconfig.json"].map((name) => read(directory, name)),
    );
    expect(await run(["init"], directory)).toEqual({
      code: 0,
      stdout: "",
      stderr: [
        "left alone: pipeline.ts (it exists)",
        "left alone: package.json already lists pipecraft (devDependencies), tsx (devDependencies), typescript (devDependencies)",
        "left alone: tsconfig.json (it exists)",
        "next: npx pipecraft check",
        "",
      ].join("\n"),
    });
    const after = await Promise.all(
      ["package.json", "pipeline.ts", "tsconfig.json"].map((name) => read(directory, name)),
    );
    expect(after).toEqual(before);
    expect(await listFiles(directory)).toEqual(["package.json", "pipeline.ts", "tsconfig.json"]);
  });

  it.each([
    [
      '{"name": "x",',
      "it is not valid JSON (Expected double-quoted property name in JSON at position 13)",
    ],
    ["[1, 2]\n", "it is not a JSON object"],
    ['{ "devDependencies": ["tsx"] }\n', 'its "devDependencies" is not an object'],
  ])("a package.json it cannot edit (%s): exit 1, nothing written", async (text, reason) => {
    const directory = await repository({ "package.json": text });
    expect(await run(["init"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr: `pipecraft init: cannot add devDependencies to package.json: ${reason}; fix it and run pipecraft init again\n`,
    });
    expect(await listFiles(directory)).toEqual(["package.json"]);
    expect(await read(directory, "package.json")).toBe(text);
  });

  it("a package.json it cannot read: exit 1, nothing written", async () => {
    const directory = await repository();
    await mkdir(join(directory, "package.json"));
    expect(await run(["init"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr: "pipecraft init: could not read package.json: it is a directory\n",
    });
    expect(await listFiles(directory)).toEqual(["package.json"]);
  });
});

describe("adding devDependencies keeps the file's own style", () => {
  const add = (text: string): string | undefined =>
    addDevDependencies(text, [
      ["a", "^1"],
      ["b", "^2"],
    ]).text;

  it.each([
    [
      "compact, no devDependencies",
      '{"name":"c"}',
      '{"name":"c","devDependencies":{"a":"^1","b":"^2"}}',
    ],
    [
      "compact, empty devDependencies",
      '{"devDependencies":{}}\n',
      '{"devDependencies":{"a":"^1","b":"^2"}}\n',
    ],
    ["an empty object", "{}\n", '{"devDependencies":{"a":"^1","b":"^2"}}\n'],
    [
      "tabs, empty devDependencies",
      '{\n\t"name": "t",\n\t"devDependencies": {}\n}',
      '{\n\t"name": "t",\n\t"devDependencies": {\n\t\t"a": "^1",\n\t\t"b": "^2"\n\t}\n}',
    ],
    [
      "CRLF, two spaces, no devDependencies, a string holding braces",
      '{\r\n  "name": "x",\r\n  "description": "a } b \\" {"\r\n}\r\n',
      '{\r\n  "name": "x",\r\n  "description": "a } b \\" {",\r\n  "devDependencies": {\r\n    "a": "^1",\r\n    "b": "^2"\r\n  }\r\n}\r\n',
    ],
    [
      "nested values before devDependencies",
      '{\n  "files": ["a", {"b": [1]}],\n  "devDependencies": {\n    "z": "1"\n  },\n  "x": null\n}\n',
      '{\n  "files": ["a", {"b": [1]}],\n  "devDependencies": {\n    "z": "1",\n    "a": "^1",\n    "b": "^2"\n  },\n  "x": null\n}\n',
    ],
  ])("%s", (_, before, after) => {
    expect(add(before)).toBe(after);
    expect(JSON.parse(after)).toBeTruthy();
  });
});

describe("what init writes", () => {
  it("the tsx and typescript ranges are the ones this repository uses, pipecraft its own version", () => {
    expect(Object.fromEntries(initDevDependencies())).toEqual({
      pipecraft: `^${version()}`,
      tsx: rootManifest.devDependencies.tsx,
      typescript: `^${rootManifest.devDependencies.typescript}`,
    });
  });

  it("the tsconfig.json is the one the README recommends", async () => {
    const directory = await repository();
    await run(["init"], directory);
    const readme = await readFile(join(repoRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Use it in your own repository"));
    const recommended = /```json\n(.*?)\n```/s.exec(section)?.[1] ?? "";
    expect(JSON.parse(await read(directory, "tsconfig.json"))).toEqual(JSON.parse(recommended));
  });

  it("usage: init takes no argument and no option but --from and --help", async () => {
    const directory = await repository();
    expect(await run(["init", "--to", "x"], directory)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^pipecraft init: unknown option --to\n/),
    });
    expect(await run(["init", "extra"], directory)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^pipecraft init: unexpected argument "extra"\n/),
    });
    expect(await run(["init", "--help"], directory)).toEqual({
      code: 0,
      stdout: usage("init"),
      stderr: "",
    });
    expect(await listFiles(directory)).toEqual([]);
  });
});

describe("pipecraft init --from an existing .gitlab-ci.yml", () => {
  const gitlabCi = `stages: [build, test]

# Build, then test.
build:
  stage: build
  script:
    - npm ci
    - npm run build
test:
  stage: test
  needs: [build]
  script: npm test
`;

  it("imports it into pipeline.ts, which gives the same pipeline; synth takes the file over and --check holds", async () => {
    const directory = await repository({ ".gitlab-ci.yml": gitlabCi });
    const result = await run(["init", "--from", ".gitlab-ci.yml"], directory);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("wrote pipeline.ts\n");
    expect(result.stderr.trimEnd().split("\n").at(-1)).toBe(
      "next: npm install, then npx pipecraft check, then npx pipecraft synth --force (the same pipeline, now generated), then npx pipecraft synth --check",
    );
    expect(await read(directory, "pipeline.ts")).toContain("// Build, then test.");
    await install(directory);
    const synth = await run(["synth", "--stdout"], directory);
    expect(synth.stderr).toBe("");
    expect(parseGitlabYaml(synth.stdout)).toEqual(parseGitlabYaml(gitlabCi));
    expect((await run(["check"], directory)).code).toBe(0);
    expect((await run(["synth", "--force"], directory)).code).toBe(0);
    expect(await run(["synth", "--check"], directory)).toMatchObject({ code: 0 });
  });

  it("a file with another name: the next steps name it with --out", async () => {
    const directory = await repository({ "ci.yml": gitlabCi });
    const result = await run(["init", "--from", "ci.yml"], directory);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("npx pipecraft synth --check --out ci.yml");
  });

  it("a missing file is a usage error naming it; nothing is written", async () => {
    const directory = await repository();
    expect(await run(["init", "--from", "nope.yml"], directory)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^pipecraft init: --from nope\.yml: .*\n/),
    });
    expect(await listFiles(directory)).toEqual([]);
  });

  it("a file that cannot be imported: the place and the reason, exit 1, nothing written", async () => {
    const directory = await repository({ ".gitlab-ci.yml": "test:\n  script: [a\n" });
    expect(await run(["init", "--from", ".gitlab-ci.yml"], directory)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        ".gitlab-ci.yml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]\n" +
        "pipecraft init: .gitlab-ci.yml was not imported; nothing was written\n",
    });
    expect(await listFiles(directory)).toEqual([".gitlab-ci.yml"]);
  });
});
