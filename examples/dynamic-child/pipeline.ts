import { pipeline } from "pipecraft";

export default pipeline({
  stages: ["generate", "trigger"],
  jobs: {
    // Writes the child pipeline at run time with pipecraft itself: child-pipeline.ts reads
    // $SERVICES (one folder of services/ each) and returns a build and a test job per service.
    "generate-child": {
      stage: "generate",
      image: "node:22-alpine",
      script: [
        "corepack enable",
        "pnpm install --frozen-lockfile",
        'export SERVICES="$(find services -mindepth 1 -maxdepth 1 -type d -exec basename {} \\; | sort | paste -sd, -)"',
        'echo "child pipeline for: $SERVICES"',
        "pnpm exec pipecraft synth --app child-pipeline.ts --out child-pipeline.yml",
      ],
      artifacts: { paths: ["child-pipeline.yml"], expire_in: "1 week" },
    },
    // Runs the generated file as a child pipeline; this job's status is the child's (depend).
    "run-child": {
      stage: "trigger",
      needs: ["generate-child"],
      trigger: {
        include: [{ artifact: "child-pipeline.yml", job: "generate-child" }],
        strategy: "depend",
      },
    },
  },
});
