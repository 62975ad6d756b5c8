import { type JobTemplate, pipeline } from "pipecraft";

/** The deploy script shared by every environment: one image, pushed once, rolled out per site. */
function deployScript(site: string): string[] {
  return [
    `echo "deploying $IMAGE_TAG to ${site}"`,
    `./scripts/deploy.sh --site ${site} --image "$IMAGE_TAG"`,
  ];
}

// Tearing an environment down must work after the branch and its files are gone: no checkout.
// GitLab offers a stop job once its environment's deploy job has run (`on_stop`), so it needs no
// `needs`; it is manual, and never blocks the pipeline.
const stopJob = {
  image: "alpine:3.20",
  stage: "deploy",
  variables: { GIT_STRATEGY: "none" },
  when: "manual",
} satisfies JobTemplate<"deploy">;

export default pipeline({
  stages: ["build", "deploy"],
  variables: {
    IMAGE_TAG: "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA",
  },
  // Deployments come from the default branch only: no pipeline at all elsewhere.
  workflow: { rules: [{ if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" }] },
  jobs: {
    "build-image": {
      stage: "build",
      image: "docker:27",
      services: ["docker:27-dind"],
      variables: { DOCKER_TLS_CERTDIR: "/certs" },
      before_script: [
        'echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"',
      ],
      script: ['docker build --pull -t "$IMAGE_TAG" .', 'docker push "$IMAGE_TAG"'],
    },
    // Staging follows the default branch automatically; one deployment at a time.
    "deploy-staging": {
      stage: "deploy",
      image: "alpine:3.20",
      needs: ["build-image"],
      resource_group: "staging",
      environment: {
        name: "staging",
        url: "https://staging.example.com",
        on_stop: "stop-staging",
        deployment_tier: "staging",
        auto_stop_in: "1 week",
      },
      script: deployScript("staging"),
    },
    "stop-staging": {
      ...stopJob,
      environment: { name: "staging", action: "stop" },
      script: ['echo "stopping staging"', "./scripts/teardown.sh --site staging"],
    },
    // Production is a person's decision: a manual job that blocks the pipeline until run.
    "deploy-production": {
      stage: "deploy",
      image: "alpine:3.20",
      needs: ["deploy-staging"],
      when: "manual",
      allow_failure: false,
      resource_group: "production",
      environment: {
        name: "production",
        url: "https://www.example.com",
        on_stop: "stop-production",
        deployment_tier: "production",
      },
      script: deployScript("production"),
    },
    "stop-production": {
      ...stopJob,
      environment: { name: "production", action: "stop" },
      script: ['echo "stopping production"', "./scripts/teardown.sh --site production"],
    },
  },
});
