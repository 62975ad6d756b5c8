import { kaniko, pipeline } from "pipecraft";

// The image every later job refers to: one tag per commit, in the project's own registry.
const imageTag = "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA";

export default pipeline({
  stages: ["test", "build", "deploy"],
  // GitLab predefines CI_REGISTRY_IMAGE and CI_COMMIT_SHORT_SHA; on a cluster they come from
  // here (GitLab ignores this block). The run id is the commit: synth with
  // `--run-id "$(git rev-parse --short HEAD)"`.
  kubernetes: {
    variables: {
      CI_REGISTRY_IMAGE: "registry.example.com/acme/web",
      CI_COMMIT_SHORT_SHA: "$CI_PIPELINE_ID",
    },
  },
  jobs: {
    test: {
      stage: "test",
      image: "node:22-alpine",
      script: ["npm ci", "npm test"],
    },
    // Kaniko builds and pushes without a Docker daemon: on GitLab as a job running the debug
    // executor, on Kubernetes as a Pod running the executor itself, with the registry
    // credentials of the Secret `registry-credentials` mounted at /kaniko/.docker.
    "build-image": {
      ...kaniko.build({
        destinations: [imageTag],
        cache: true,
        cacheRepo: "$CI_REGISTRY_IMAGE/cache",
        buildArgs: { NODE_VERSION: "22", APP_VERSION: "$CI_COMMIT_SHORT_SHA" },
        registryAuth: { secretName: "registry-credentials" },
      }),
      stage: "build",
      needs: ["test"],
    },
    // Rolls the new image out. On Kubernetes the job runs as the `deployer` service account;
    // the database URL the app reads comes from a Secret, never from the manifest.
    deploy: {
      stage: "deploy",
      image: { name: "bitnami/kubectl:1.34", entrypoint: [""] },
      needs: ["build-image"],
      resource_group: "production",
      kubernetes: {
        serviceAccountName: "deployer",
        secrets: { DATABASE_URL: { name: "web-database", key: "url" } },
      },
      script: [
        'kubectl create secret generic web-env --from-literal=DATABASE_URL="$DATABASE_URL" --dry-run=client -o yaml | kubectl apply -f -',
        `kubectl set image deployment/web web="${imageTag}"`,
        "kubectl rollout status deployment/web --timeout=5m",
      ],
    },
  },
});
