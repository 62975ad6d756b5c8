import { type PipelineJob, pipeline } from "pipecraft";

// Job names are only known at synth time: any name, the two stages, no `extends`.
type ServiceJob = PipelineJob<string, "build" | "test", never>;

// The services to build, from the parent's generate job ("api,worker"); a name that is not a
// valid job-name part is refused here rather than producing a broken pipeline.
const services = (process.env.SERVICES ?? "")
  .split(",")
  .map((name) => name.trim())
  .filter((name) => name !== "");
for (const name of services) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    throw new Error(`SERVICES: invalid service name "${name}"`);
}

/** A build and a test job for one service folder. */
function serviceJobs(name: string): Record<string, ServiceJob> {
  return {
    [`build:${name}`]: {
      stage: "build",
      image: "docker:27",
      services: ["docker:27-dind"],
      script: [
        `docker build -t "$CI_REGISTRY_IMAGE/${name}:$CI_COMMIT_SHORT_SHA" services/${name}`,
      ],
    },
    [`test:${name}`]: {
      stage: "test",
      image: "node:22-alpine",
      needs: [`build:${name}`],
      script: [`cd services/${name}`, "npm ci", "npm test"],
    },
  };
}

const jobs: Record<string, ServiceJob> = {};
for (const name of services) Object.assign(jobs, serviceJobs(name));
if (services.length === 0) {
  // A child pipeline with no jobs is an error in GitLab: say so in the pipeline instead.
  jobs["no-services"] = {
    stage: "build",
    image: "alpine:3.20",
    script: ['echo "no services to build"'],
  };
}

export default pipeline({ stages: ["build", "test"], jobs });
