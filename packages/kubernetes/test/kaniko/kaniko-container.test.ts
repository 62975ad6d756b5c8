// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is shell and CI syntax, not JavaScript
import type { KanikoBuild } from "@pipecraft/core";
import { describe, expect, it } from "vitest";
import { kaniko } from "../../src/kaniko/kaniko.js";
import { kanikoContainer } from "../../src/kaniko/kaniko-container.js";

const place = { projectDir: "/builds/app", workspaceVolume: "workspace" };

function build(options: Parameters<typeof kaniko.build>[0]): KanikoBuild {
  return kaniko.build(options).kubernetes.kaniko;
}

function containerOf(options: Parameters<typeof kaniko.build>[0]) {
  return kanikoContainer(build(options), place).container;
}

describe("kanikoContainer", () => {
  it("runs the executor image without a shell, as root with only Kaniko's capabilities", () => {
    expect(kanikoContainer(build({ destinations: ["registry.example.com/app:1"] }), place)).toEqual(
      {
        container: {
          name: "kaniko",
          image: "ghcr.io/osscontainertools/kaniko:v1.28.3",
          command: ["/kaniko/executor"],
          args: [
            "--context=dir:///builds/app",
            "--dockerfile=/builds/app/Dockerfile",
            "--destination=registry.example.com/app:1",
            "--digest-file=/dev/termination-log",
          ],
          workingDir: "/builds/app",
          volumeMounts: [{ name: "workspace", mountPath: "/builds/app" }],
          securityContext: {
            runAsUser: 0,
            runAsGroup: 0,
            runAsNonRoot: false,
            privileged: false,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: false,
            capabilities: {
              drop: ["ALL"],
              add: [
                "CHOWN",
                "DAC_OVERRIDE",
                "FOWNER",
                "FSETID",
                "KILL",
                "SETGID",
                "SETUID",
                "SETFCAP",
              ],
            },
            seccompProfile: { type: "RuntimeDefault" },
          },
        },
        volumes: [],
      },
    );
  });

  it.each([
    ["the project directory", ".", undefined, "dir:///builds/app", "/builds/app/Dockerfile"],
    [
      "a folder",
      "./services/api/",
      undefined,
      "dir:///builds/app/services/api",
      "/builds/app/services/api/Dockerfile",
    ],
    [
      "a folder, the Dockerfile in a subfolder",
      "api",
      "./docker/Dockerfile",
      "dir:///builds/app/api",
      "/builds/app/api/docker/Dockerfile",
    ],
    [
      "a folder, an absolute Dockerfile",
      "api",
      "/builds/app/Dockerfile.api",
      "dir:///builds/app/api",
      "/builds/app/Dockerfile.api",
    ],
    [
      "a dir:/// URL",
      "dir:///mnt/context/",
      "Dockerfile.ci",
      "dir:///mnt/context/",
      "/mnt/context/Dockerfile.ci",
    ],
    [
      "a git:// URL",
      "git://github.com/org/app.git#refs/heads/main",
      undefined,
      "git://github.com/org/app.git#refs/heads/main",
      "Dockerfile",
    ],
    [
      "an s3:// URL",
      "s3://bucket/ctx.tar.gz",
      "build/Dockerfile",
      "s3://bucket/ctx.tar.gz",
      "build/Dockerfile",
    ],
    ["a gs:// URL", "gs://bucket/ctx.tar.gz", undefined, "gs://bucket/ctx.tar.gz", "Dockerfile"],
  ])("%s: --context=%s", (_name, context, dockerfile, contextArg, dockerfileArg) => {
    const container = containerOf({
      destinations: ["a/b:c"],
      context,
      ...(dockerfile === undefined ? {} : { dockerfile }),
    });
    expect(container.args?.slice(0, 2)).toEqual([
      `--context=${contextArg}`,
      `--dockerfile=${dockerfileArg}`,
    ]);
    // A fetched context runs from /, so a Dockerfile in the workspace cannot stand in for its own.
    expect(container.workingDir).toBe(contextArg.startsWith("dir://") ? "/builds/app" : "/");
    expect(container.volumeMounts).toEqual([{ name: "workspace", mountPath: "/builds/app" }]);
  });

  it("passes every option as one argument, variable references in Kubernetes' syntax", () => {
    const container = containerOf({
      destinations: ["$CI_REGISTRY_IMAGE:${CI_COMMIT_SHORT_SHA}", "registry.example.com/app:1"],
      cacheRepo: "$CI_REGISTRY_IMAGE/cache",
      buildArgs: { VERSION: "1.2 beta", PRICE: "$5 or $(cost) $$", QUOTED: `"a" 'b' \\c` },
      target: "runtime",
      extraArgs: ["--snapshot-mode=redo", "--label=team=$TEAM"],
    });
    expect(container.args).toEqual([
      "--context=dir:///builds/app",
      "--dockerfile=/builds/app/Dockerfile",
      "--destination=$(CI_REGISTRY_IMAGE):$(CI_COMMIT_SHORT_SHA)",
      "--destination=registry.example.com/app:1",
      "--cache=true",
      "--cache-repo=$(CI_REGISTRY_IMAGE)/cache",
      "--build-arg=VERSION=1.2 beta",
      "--build-arg=PRICE=$$5 or $$(cost) $$$$",
      `--build-arg=QUOTED="a" 'b' \\c`,
      "--target=runtime",
      "--digest-file=/dev/termination-log",
      "--snapshot-mode=redo",
      "--label=team=$(TEAM)",
    ]);
  });

  it("mounts the registry Secret read-only at /kaniko/.docker as config.json", () => {
    const pod = kanikoContainer(
      build({ destinations: ["a/b:c"], registryAuth: { secretName: "regcred" } }),
      place,
    );
    expect(pod.volumes).toEqual([
      {
        name: "kaniko-docker-config",
        secret: {
          secretName: "regcred",
          items: [{ key: ".dockerconfigjson", path: "config.json" }],
        },
      },
    ]);
    expect(pod.container.volumeMounts).toEqual([
      { name: "workspace", mountPath: "/builds/app" },
      { name: "kaniko-docker-config", mountPath: "/kaniko/.docker", readOnly: true },
    ]);
  });

  it("mounts no Secret for GitLab-only credentials", () => {
    const pod = kanikoContainer(build({ destinations: ["a/b:c"], registryAuth: {} }), place);
    expect(pod.volumes).toEqual([]);
    expect(pod.container.volumeMounts).toHaveLength(1);
  });

  it("uses image, else debugImage, else the default executor image", () => {
    const image = (options: { image?: string; debugImage?: string }) =>
      containerOf({ destinations: ["a/b:c"], ...options }).image;
    expect(image({ image: "mirror/kaniko:v1", debugImage: "mirror/kaniko:v1-debug" })).toBe(
      "mirror/kaniko:v1",
    );
    expect(image({ debugImage: "mirror/kaniko:v1-debug" })).toBe("mirror/kaniko:v1-debug");
    expect(image({})).toBe("ghcr.io/osscontainertools/kaniko:v1.28.3");
  });

  it("returns a fresh securityContext each time", () => {
    const first = containerOf({ destinations: ["a/b:c"] });
    first.securityContext?.capabilities?.add?.push("SYS_ADMIN");
    expect(
      containerOf({ destinations: ["a/b:c"] }).securityContext?.capabilities?.add,
    ).not.toContain("SYS_ADMIN");
  });
});
