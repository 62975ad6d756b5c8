import { type JobInput, pipeline } from "pipecraft";

// npm keeps its download cache in the project folder so that GitLab can cache it between
// pipelines; the key changes only when package-lock.json does.
const npmCache = {
  key: { files: ["package-lock.json"] },
  paths: [".npm/"],
  policy: "pull",
} satisfies JobInput["cache"];

// What every Node job shares: the image and an offline-first `npm ci` from the cache.
const nodeJob = {
  image: "node:20-alpine",
  cache: npmCache,
  before_script: ["npm ci --prefer-offline --no-audit"],
} satisfies JobInput;

export default pipeline({
  stages: ["prepare", "test", "build", "report"],
  variables: {
    NPM_CONFIG_CACHE: "$CI_PROJECT_DIR/.npm",
  },
  workflow: {
    rules: [
      { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
      { if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" },
      { if: "$CI_COMMIT_TAG" },
    ],
  },
  default: {
    interruptible: true,
    // Shell jobs run on the runner's own shell in GitLab; on Kubernetes they need an image.
    kubernetes: { image: "alpine:3.20" },
    retry: { max: 2, when: ["runner_system_failure", "stuck_or_timeout_failure"] },
  },
  jobs: {
    // Shell job (no image): the version every later job stamps on what it builds, passed on as
    // a dotenv report so that jobs which need this one get $APP_VERSION.
    version: {
      stage: "prepare",
      needs: [],
      script: [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
        'APP_VERSION="${CI_COMMIT_TAG:-0.0.0-$CI_COMMIT_SHORT_SHA}"',
        'echo "APP_VERSION=$APP_VERSION" > build.env',
        'echo "version $APP_VERSION"',
      ],
      artifacts: { reports: { dotenv: "build.env" } },
    },
    // Fills the npm cache once per lockfile; the other Node jobs only pull it.
    "install-deps": {
      ...nodeJob,
      stage: "prepare",
      needs: [],
      cache: { ...npmCache, policy: "pull-push" },
      script: ["npm ls --depth=0"],
    },
    lint: {
      ...nodeJob,
      stage: "test",
      needs: ["install-deps"],
      script: ["npm run lint"],
    },
    "unit-test": {
      ...nodeJob,
      stage: "test",
      needs: ["install-deps"],
      script: ["npm test -- --coverage --reporter=default --reporter=junit --outputFile=junit.xml"],
      coverage: "/All files[^|]*\\|[^|]*\\s+([\\d\\.]+)/",
      artifacts: {
        when: "always",
        expire_in: "1 week",
        paths: ["coverage/"],
        reports: {
          junit: "junit.xml",
          coverage_report: {
            coverage_format: "cobertura",
            path: "coverage/cobertura-coverage.xml",
          },
        },
      },
    },
    build: {
      ...nodeJob,
      stage: "build",
      needs: ["version", "lint", "unit-test"],
      script: ["npm run build", 'echo "$APP_VERSION" > dist/VERSION'],
      artifacts: { name: "dist-$APP_VERSION", paths: ["dist/"], expire_in: "1 week" },
    },
    // Shell job: release notes from the commit, named after the version computed above.
    "release-notes": {
      stage: "report",
      needs: ["version"],
      script: [
        'test -n "$APP_VERSION" || { echo "APP_VERSION is not set: the version job must run first"; exit 1; }',
        [
          "cat > release-notes.md <<NOTES",
          "# Release $APP_VERSION",
          "",
          "- commit: $CI_COMMIT_SHORT_SHA on $CI_COMMIT_REF_NAME",
          "- title: $CI_COMMIT_TITLE",
          "NOTES",
        ].join("\n"),
        "cat release-notes.md",
      ],
      artifacts: { paths: ["release-notes.md"], expire_in: "30 days" },
    },
  },
});
