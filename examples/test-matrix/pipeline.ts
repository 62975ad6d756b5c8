import { pipeline } from "pipecraft";

const nodeVersions = ["18", "20", "22"];
const databases = ["postgres:16", "mysql:8.4"];

export default pipeline({
  stages: ["test", "report"],
  jobs: {
    // 3 Node versions × 2 databases + 2 browser runs = 8 jobs from one definition.
    test: {
      stage: "test",
      image: "node:$NODE_VERSION-alpine",
      services: [{ name: "$DATABASE", alias: "db" }],
      variables: {
        POSTGRES_PASSWORD: "test",
        MYSQL_ROOT_PASSWORD: "test",
        DATABASE_URL: "db://test@db/app",
      },
      parallel: {
        matrix: [
          { NODE_VERSION: nodeVersions, DATABASE: databases },
          { NODE_VERSION: "22", DATABASE: "postgres:16", BROWSER: ["chromium", "firefox"] },
        ],
      },
      script: [
        "npm ci",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion
        'echo "node $NODE_VERSION against $DATABASE${BROWSER:+ in $BROWSER}"',
        'npm test -- --reporter=junit --outputFile="junit-$CI_NODE_INDEX.xml"',
      ],
      artifacts: { when: "always", reports: { junit: "junit-*.xml" } },
    },
    // Browser tests split into 4 shards: `parallel: N` runs N copies, told apart by
    // CI_NODE_INDEX (1..N) and CI_NODE_TOTAL.
    e2e: {
      stage: "test",
      image: "mcr.microsoft.com/playwright:v1.48.0-noble",
      parallel: 4,
      script: ["npm ci", "npx playwright test --shard=$CI_NODE_INDEX/$CI_NODE_TOTAL"],
    },
    // One job that waits for every copy of both (a need on a parallel job means all its copies).
    summary: {
      stage: "report",
      image: "alpine:3.20",
      needs: ["test", "e2e"],
      when: "always",
      script: ['echo "all $CI_PIPELINE_ID test combinations finished"'],
    },
    // A job that needs only one combination of the grid.
    "publish-coverage": {
      stage: "report",
      image: "node:22-alpine",
      needs: [
        {
          job: "test",
          parallel: { matrix: [{ NODE_VERSION: "22", DATABASE: "postgres:16" }] },
        },
      ],
      script: ["npx --yes c8 report --reporter=text-summary"],
    },
  },
});
