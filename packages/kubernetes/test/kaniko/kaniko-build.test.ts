// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is shell and CI syntax, not JavaScript
import { describe, expect, it } from "vitest";
import {
  DEFAULT_KANIKO_DEBUG_IMAGE,
  DEFAULT_KANIKO_IMAGE,
} from "../../src/kaniko/executor-image.js";
import { kaniko, kanikoBuild } from "../../src/kaniko/kaniko.js";

describe("kaniko.build: the GitLab job", () => {
  it("is GitLab's canonical Kaniko job: debug image, empty entrypoint, executor script", () => {
    expect(kaniko.build({ destinations: ["$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA"] })).toEqual({
      image: { name: "ghcr.io/osscontainertools/kaniko:v1.28.3-debug", entrypoint: [""] },
      script: [
        [
          "/kaniko/executor \\",
          '  --context="${CI_PROJECT_DIR}" \\',
          '  --dockerfile="${CI_PROJECT_DIR}/Dockerfile" \\',
          '  --destination="$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA"',
        ].join("\n"),
      ],
      kubernetes: { kaniko: { destinations: ["$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA"] } },
    });
    expect(kaniko.build).toBe(kanikoBuild);
  });

  it("writes every option as a flag, in order, quoting only what needs it", () => {
    const job = kaniko.build({
      context: "./services/api/",
      dockerfile: "docker/Dockerfile.prod",
      destinations: ["$CI_REGISTRY_IMAGE/api:${CI_COMMIT_TAG}", "registry.example.com/api:latest"],
      cache: true,
      cacheRepo: "$CI_REGISTRY_IMAGE/cache",
      buildArgs: { VERSION: "$CI_COMMIT_TAG", GREETING: 'say "hi" to `you`\\n' },
      target: "runtime",
      extraArgs: ["--snapshot-mode=redo", "--label=org.example.team=platform team"],
    });
    expect(job.script).toEqual([
      [
        "/kaniko/executor \\",
        '  --context="${CI_PROJECT_DIR}/services/api" \\',
        '  --dockerfile="${CI_PROJECT_DIR}/services/api/docker/Dockerfile.prod" \\',
        '  --destination="$CI_REGISTRY_IMAGE/api:${CI_COMMIT_TAG}" \\',
        "  --destination=registry.example.com/api:latest \\",
        "  --cache=true \\",
        '  --cache-repo="$CI_REGISTRY_IMAGE/cache" \\',
        '  --build-arg="VERSION=$CI_COMMIT_TAG" \\',
        '  --build-arg="GREETING=say \\"hi\\" to \\`you\\`\\\\n" \\',
        "  --target=runtime \\",
        "  --snapshot-mode=redo \\",
        '  --label="org.example.team=platform team"',
      ].join("\n"),
    ]);
  });

  it("turns the cache on when a cache repository is given", () => {
    expect(kaniko.build({ destinations: ["a/b:c"], cacheRepo: "a/cache" }).script[0]).toContain(
      "--cache=true \\\n  --cache-repo=a/cache",
    );
    expect(kaniko.build({ destinations: ["a/b:c"], cache: false }).script[0]).not.toContain(
      "--cache",
    );
  });

  it("writes registry credentials from CI variables only when registryAuth is given", () => {
    const configLines = [
      "mkdir -p /kaniko/.docker",
      `printf '{"auths":{"%s":{"auth":"%s"}}}' "$CI_REGISTRY" "$(printf '%s:%s' "\${CI_REGISTRY_USER}" "\${CI_REGISTRY_PASSWORD}" | base64 | tr -d '\\n')" > /kaniko/.docker/config.json`,
    ];
    const withAuth = kaniko.build({ destinations: ["a/b:c"], registryAuth: {} });
    expect(withAuth.script.slice(0, 2)).toEqual(configLines);
    expect(withAuth.script).toHaveLength(3);
    expect(kaniko.build({ destinations: ["a/b:c"] }).script).toHaveLength(1);

    const other = kaniko.build({
      destinations: ["registry.example.com:5000/app:1"],
      registryAuth: {
        registry: "registry.example.com:5000",
        usernameVariable: "DEPLOY_USER",
        passwordVariable: "DEPLOY_TOKEN",
      },
    });
    expect(other.script[1]).toBe(
      `printf '{"auths":{"%s":{"auth":"%s"}}}' registry.example.com:5000 "$(printf '%s:%s' "\${DEPLOY_USER}" "\${DEPLOY_TOKEN}" | base64 | tr -d '\\n')" > /kaniko/.docker/config.json`,
    );
  });

  it("runs the executor from / for a fetched context, its Dockerfile relative to it", () => {
    const job = kaniko.build({
      context: "git://gitlab.example.com/group/app.git#refs/heads/main",
      dockerfile: "build/Dockerfile",
      destinations: ["a/b:c"],
    });
    expect(job.script).toEqual([
      "cd /",
      [
        "/kaniko/executor \\",
        '  --context="git://gitlab.example.com/group/app.git#refs/heads/main" \\',
        "  --dockerfile=build/Dockerfile \\",
        "  --destination=a/b:c",
      ].join("\n"),
    ]);
  });

  it("uses debugImage on GitLab, else image, else the default debug image", () => {
    const image = (options: { image?: string; debugImage?: string }) =>
      kaniko.build({ destinations: ["a/b:c"], ...options }).image.name;
    expect(image({})).toBe(DEFAULT_KANIKO_DEBUG_IMAGE);
    expect(image({ image: "mirror.example.com/kaniko:v1-debug" })).toBe(
      "mirror.example.com/kaniko:v1-debug",
    );
    expect(image({ image: "mirror/kaniko:v1", debugImage: "mirror/kaniko:v1-debug" })).toBe(
      "mirror/kaniko:v1-debug",
    );
    expect(DEFAULT_KANIKO_IMAGE).toBe("ghcr.io/osscontainertools/kaniko:v1.28.3");
  });

  it("keeps the validated options for the Kubernetes target", () => {
    const options = {
      context: "app",
      destinations: ["a/b:c"],
      buildArgs: { B: "2", A: "1" },
      registryAuth: { secretName: "regcred" },
    };
    expect(kaniko.build(options).kubernetes).toEqual({ kaniko: options });
  });
});

describe("kaniko.build: invalid options", () => {
  const cases: [string, unknown, string][] = [
    [
      "no destination",
      { destinations: [] },
      "kaniko.build: destinations: expected at least one image reference",
    ],
    [
      "destinations missing",
      { context: "app" },
      "kaniko.build: destinations: missing; expected a list",
    ],
    [
      "a destination of the wrong type",
      { destinations: ["a/b:c", 3] },
      "kaniko.build: destinations[1]: expected a string, got 3",
    ],
    [
      "an unknown option",
      { destinations: ["a/b:c"], dockerFile: "Dockerfile" },
      'kaniko.build: dockerFile: unknown keyword "dockerFile"; did you mean "dockerfile"?',
    ],
    [
      "an absolute folder",
      { destinations: ["a/b:c"], context: "/src/app" },
      "kaniko.build: context: expected a folder relative to the project directory; write dir:///path for an absolute one",
    ],
    [
      "a folder outside the project",
      { destinations: ["a/b:c"], context: "../other" },
      "kaniko.build: context: must stay inside the project directory (no '..')",
    ],
    [
      "an unknown URL scheme",
      { destinations: ["a/b:c"], context: "ftp://example.com/ctx.tar.gz" },
      "kaniko.build: context: unknown context URL scheme; expected a folder or one of dir://, git://, s3://, gs://, https://, tar://",
    ],
    [
      "a relative dir:// URL",
      { destinations: ["a/b:c"], context: "dir://app" },
      "kaniko.build: context: expected dir:// followed by an absolute path, e.g. dir:///workspace/app",
    ],
    [
      "a build arg name with '='",
      { destinations: ["a/b:c"], buildArgs: { "A=B": "x" } },
      `kaniko.build: buildArgs["A=B"]: expected an ARG name: letters, digits, '_' and '-', not starting with a digit or '-'`,
    ],
    [
      "a build arg named __proto__ (JSON.parse makes it an own key), which a copy would drop",
      { destinations: ["a/b:c"], buildArgs: JSON.parse('{"__proto__": "x", "A": "1"}') },
      `kaniko.build: buildArgs.__proto__: "__proto__" cannot be a name here: JavaScript objects read it as their prototype, so it would be dropped; rename it`,
    ],
    [
      "an unknown option whose name holds terminal controls (C1 CSI, bidi override), escaped",
      { destinations: ["a/b:c"], "x\u009b2J\u202e": 1 },
      'kaniko.build: ["x\\u009b2J\\u202e"]: unknown keyword "x\\u009b2J\\u202e"',
    ],
    [
      "a cache repository without the cache",
      { destinations: ["a/b:c"], cache: false, cacheRepo: "a/cache" },
      "kaniko.build: cacheRepo: a cache repository needs the cache; remove cache: false or cacheRepo",
    ],
    [
      "a password variable that is not a name",
      { destinations: ["a/b:c"], registryAuth: { passwordVariable: "$TOKEN" } },
      "kaniko.build: registryAuth.passwordVariable: expected a variable name: letters, digits and '_'",
    ],
    [
      "a registry with a quote",
      { destinations: ["a/b:c"], registryAuth: { registry: 'evil"host' } },
      "kaniko.build: registryAuth.registry: expected a registry host without spaces, quotes or backslashes",
    ],
    [
      "several problems",
      { destinations: [], target: "" },
      "kaniko.build: destinations: expected at least one image reference; target: must not be empty",
    ],
  ];

  it.each(cases)("%s", (_name, options, message) => {
    expect(() => kaniko.build(options as never)).toThrow(new Error(message));
  });
});

describe("kaniko.build: options declared as const", () => {
  it("are accepted as they are", () => {
    const options = { destinations: ["a/b:c"], extraArgs: ["--verbosity=debug"] } as const;
    expect(kaniko.build(options).kubernetes.kaniko.extraArgs).toEqual(["--verbosity=debug"]);
  });
});
