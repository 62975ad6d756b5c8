import { type PipelineJob, type PipelineJobRule, pipeline } from "pipecraft";

/** One package of the repository, under `packages/<name>/`. */
interface WorkspacePackage<Name extends string, Dependency extends string = Name> {
  readonly name: Name;
  /** Packages this one imports: a change to them rebuilds and retests this one too. */
  readonly dependsOn?: readonly Dependency[];
  /** Extra test command, e.g. browser tests for a front end. */
  readonly extraTest?: string;
}

/** The globs whose changes concern `pkg`: its own folder, its dependencies, the lockfile. */
function watchedPaths<Name extends string>(pkg: WorkspacePackage<Name>): string[] {
  const folders = [pkg.name, ...(pkg.dependsOn ?? [])].map((name) => `packages/${name}/**/*`);
  return [...folders, "pnpm-lock.yaml"];
}

/** `rules` that create a package's jobs only when something it depends on changed. */
function changedRules<Name extends string>(pkg: WorkspacePackage<Name>): PipelineJobRule<never>[] {
  const paths = watchedPaths(pkg);
  return [
    {
      if: '$CI_PIPELINE_SOURCE == "merge_request_event"',
      changes: { paths, compare_to: "refs/heads/main" },
    },
    { if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", changes: paths },
  ];
}

type PackageJobName<Name extends string> = `build:${Name}` | `test:${Name}`;

/** A job of this pipeline: its `needs` name package jobs, its `extends` the `.pnpm` template. */
type PackageJob<Name extends string> = PipelineJob<PackageJobName<Name>, "build" | "test", ".pnpm">;

/**
 * A `build:<name>` and a `test:<name>` job for each package. A build needs the builds of the
 * packages it depends on, optionally: when they did not change, their jobs do not exist.
 */
function packageJobs<const Name extends string>(
  // Names come from `name` only: a dependency must be one of them (NoInfer), so a typo in
  // `dependsOn` is a type error instead of a job that needs a job nobody defines.
  packages: readonly WorkspacePackage<Name, NoInfer<Name>>[],
): Record<PackageJobName<Name>, PackageJob<Name>> {
  const jobs: Partial<Record<PackageJobName<Name>, PackageJob<Name>>> = {};
  for (const pkg of packages) {
    const filter = `--filter=@acme/${pkg.name}`;
    jobs[`build:${pkg.name}`] = {
      extends: ".pnpm",
      stage: "build",
      rules: changedRules(pkg),
      needs: (pkg.dependsOn ?? []).map((dep) => ({ job: `build:${dep}`, optional: true })),
      script: [`pnpm ${filter} build`],
      artifacts: { paths: [`packages/${pkg.name}/dist/`], expire_in: "1 day" },
    };
    jobs[`test:${pkg.name}`] = {
      extends: ".pnpm",
      stage: "test",
      rules: changedRules(pkg),
      needs: [`build:${pkg.name}`],
      script: [`pnpm ${filter} test`, ...(pkg.extraTest === undefined ? [] : [pkg.extraTest])],
      artifacts: {
        when: "always",
        reports: { junit: `packages/${pkg.name}/junit.xml` },
      },
    };
  }
  return jobs as Record<PackageJobName<Name>, PackageJob<Name>>;
}

const packages = [
  { name: "shared" },
  { name: "api", dependsOn: ["shared"] },
  { name: "web", dependsOn: ["shared"], extraTest: "pnpm --filter=@acme/web test:e2e" },
  { name: "cli", dependsOn: ["shared", "api"] },
] as const satisfies readonly WorkspacePackage<string>[];

export default pipeline(
  {
    stages: ["build", "test"],
    jobs: {
      // Hidden template (GitLab `extends`): pnpm from corepack, its store cached on the lockfile.
      ".pnpm": {
        image: "node:22-alpine",
        cache: {
          key: { files: ["pnpm-lock.yaml"] },
          paths: [".pnpm-store/"],
        },
        before_script: [
          "corepack enable",
          "pnpm config set store-dir .pnpm-store",
          "pnpm install --frozen-lockfile",
        ],
      },
      ...packageJobs(packages),
    },
  },
  { templates: "hidden" },
);
