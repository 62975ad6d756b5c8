import type { Pipeline } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { synthGitlab } from "../src/index.js";
import { GITLAB_MAX_YAML_SIZE_BYTES, gitlabYamlSizeDiagnostics } from "../src/yaml-size-limit.js";

// A pipeline of `count` jobs whose scripts make the YAML about `count` × 1 KiB long.
function bigPipeline(count: number, line = "x".repeat(1000)): Pipeline {
  const jobs: Pipeline["jobs"] = {};
  for (let i = 0; i < count; i++) jobs[`job-${i}`] = { script: [`echo ${line}`] };
  return { jobs };
}

describe("GitLab's CI/CD configuration size limit", () => {
  it("is 2 MiB, GitLab's default max_yaml_size_bytes since 17.3", () => {
    expect(GITLAB_MAX_YAML_SIZE_BYTES).toBe(2_097_152);
  });

  it("a generated file over it gets a warning from synthGitlab naming its size", () => {
    const { output, diagnostics } = synthGitlab(bigPipeline(2200));
    const bytes = Buffer.byteLength(output ?? "");
    expect(bytes).toBeGreaterThan(GITLAB_MAX_YAML_SIZE_BYTES);
    expect(diagnostics).toEqual([
      {
        code: "gitlab/yaml-too-large",
        path: "",
        severity: "warning",
        message: `the generated YAML is ${(bytes / 1048576).toFixed(1)} MiB (${bytes} bytes), over GitLab's default limit of 2 MiB per CI/CD configuration file (max_yaml_size_bytes); GitLab rejects it unless the instance raises that limit: move jobs into child pipelines (trigger: include) or shorten repeated scripts with default and !reference`,
      },
    ]);
  });

  it("counts bytes, not characters: multi-byte text crosses the limit sooner", () => {
    // 800 characters of "é" are 1600 bytes: 1400 jobs are over 2 MiB only in bytes.
    const { output, diagnostics } = synthGitlab(bigPipeline(1400, "é".repeat(800)));
    const text = output ?? "";
    expect(text.length).toBeLessThan(GITLAB_MAX_YAML_SIZE_BYTES);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toContain(`(${Buffer.byteLength(text)} bytes)`);
  });

  it("a file at or under it gets none", () => {
    expect(synthGitlab(bigPipeline(3)).diagnostics).toEqual([]);
    expect(gitlabYamlSizeDiagnostics("a".repeat(GITLAB_MAX_YAML_SIZE_BYTES))).toEqual([]);
    expect(gitlabYamlSizeDiagnostics("a".repeat(GITLAB_MAX_YAML_SIZE_BYTES + 1))).toHaveLength(1);
  });
});
