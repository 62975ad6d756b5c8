// writeFileAtomic: the target is either the old file or the new one, never a partial write.
import { chmod, mkdir, readFile, readlink, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/write/write-file-atomic.js";
import { listFiles, makeProject, removeProject } from "./project.js";

const projects: string[] = [];
afterEach(async () => {
  await Promise.all(projects.splice(0).map(removeProject));
});
async function directory(): Promise<string> {
  const made = await makeProject({});
  projects.push(made);
  return made;
}

describe("writeFileAtomic", () => {
  it("creates a new file and leaves nothing else", async () => {
    const dir = await directory();
    await writeFileAtomic(join(dir, "out.yml"), "a: 1\n");
    expect(await readFile(join(dir, "out.yml"), "utf8")).toBe("a: 1\n");
    expect(await listFiles(dir)).toEqual(["out.yml"]);
  });

  it("keeps the permissions of the file it replaces", async () => {
    const dir = await directory();
    await writeFile(join(dir, "out.yml"), "old\n");
    await chmod(join(dir, "out.yml"), 0o640);
    await writeFileAtomic(join(dir, "out.yml"), "new\n");
    expect((await stat(join(dir, "out.yml"))).mode & 0o777).toBe(0o640);
    expect(await readFile(join(dir, "out.yml"), "utf8")).toBe("new\n");
  });

  it("writes through a symlink instead of replacing it", async () => {
    const dir = await directory();
    await mkdir(join(dir, "real"));
    await writeFile(join(dir, "real/out.yml"), "old\n");
    await symlink("real/out.yml", join(dir, "out.yml"));
    await writeFileAtomic(join(dir, "out.yml"), "new\n");
    expect(await readlink(join(dir, "out.yml"))).toBe("real/out.yml");
    expect(await readFile(join(dir, "real/out.yml"), "utf8")).toBe("new\n");
  });

  it("on a failed rename, rejects, keeps the target and removes its temporary file", async () => {
    const dir = await directory();
    await mkdir(join(dir, "out.yml"));
    await writeFile(join(dir, "out.yml/inside"), "kept\n");
    await expect(writeFileAtomic(join(dir, "out.yml"), "new\n")).rejects.toThrow();
    expect(await listFiles(dir)).toEqual(["out.yml", "out.yml/inside"]);
  });

  it("on a missing directory, rejects with ENOENT and creates nothing", async () => {
    const dir = await directory();
    await expect(writeFileAtomic(join(dir, "no/out.yml"), "new\n")).rejects.toMatchObject({
      code: "ENOENT",
    });
    expect(await listFiles(dir)).toEqual([]);
  });
});
