// The optional peers of pipecraft: a command that needs one that is not installed says, in one
// line, what is missing, why it is optional and the install command of the project's manager.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { isNotFound, missingPackageMessage } from "../src/load/optional-package.js";
import { useProjects } from "./project.js";

const project = useProjects();

describe("a missing optional package", () => {
  it("names @pipecraft/runtime with the project's install command", async () => {
    const directory = await project({ "pnpm-lock.yaml": "" });
    expect(missingPackageMessage("apply", "@pipecraft/runtime", directory, "1.2.3")).toBe(
      "pipecraft apply: @pipecraft/runtime is not installed (it is optional: it brings @kubernetes/client-node, which synth does not need); run `pnpm add -D @pipecraft/runtime@1.2.3`",
    );
  });

  it("names @pipecraft/import with the project's install command", async () => {
    const directory = await project({ "package-lock.json": "{}" });
    expect(missingPackageMessage("import", "@pipecraft/import", directory, "0.4.0-rc.1")).toBe(
      "pipecraft import: @pipecraft/import is not installed (it is optional: it brings ts-morph and the TypeScript compiler, which synth does not need); run `npm install -D @pipecraft/import@0.4.0-rc.1`",
    );
  });

  it("pins the hint to the version of the installed CLI by default", async () => {
    const directory = await project({ "package-lock.json": "{}" });
    const { version } = JSON.parse(
      await readFile(new URL("../package.json", import.meta.url), "utf8"),
    ) as { version: string };
    expect(missingPackageMessage("run", "@pipecraft/runtime", directory)).toContain(
      `run \`npm install -D @pipecraft/runtime@${version}\``,
    );
  });

  it("leaves the version out when the CLI's own version is unknown", async () => {
    const directory = await project({ "package-lock.json": "{}" });
    expect(missingPackageMessage("run", "@pipecraft/runtime", directory, "unknown")).toContain(
      "run `npm install -D @pipecraft/runtime`",
    );
  });

  it("is told apart from a module that the package itself fails to find", async () => {
    const error = await import("@pipecraft/not-a-package" as string).catch((e: unknown) => e);
    expect(isNotFound(error, "@pipecraft/not-a-package")).toBe(true);
    expect(isNotFound(error, "@pipecraft/runtime")).toBe(false);
    expect(isNotFound(new Error("boom"), "@pipecraft/not-a-package")).toBe(false);
  });
});
