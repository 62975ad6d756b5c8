// GIT_CLONE_PATH: where GitLab's runner clones a job's sources and runs it (CI_PROJECT_DIR), inside
// CI_BUILDS_DIR (`custom_build_dir`, on by default for GitLab's Kubernetes executor). Here every job
// mounts the run's one workspace claim, so a job's clone path is just where it mounts the claim.
import { type Diagnostic, errorDiagnostic, formatPath } from "@pipecraft/core";
import { expandVariables } from "./expand-variables.js";

/** CI_BUILDS_DIR: the directory GitLab's Docker and Kubernetes executors clone under. */
export const BUILDS_DIR = "/builds";

// Variables referring to variables (`$GOPATH/src`, GOPATH `$CI_BUILDS_DIR/go`): a few rounds.
const EXPANSION_ROUNDS = 10;

/** What a job's clone path is worked out from. */
export type ClonePathInput = {
  /** GIT_CLONE_PATH as the job's variables give it (undefined: not set). */
  readonly value: string | undefined;
  /** Whether GitLab expands it (`expand: false` keeps `$` as written). */
  readonly expand: boolean;
  /** The job's variables (top-level, the job's, its matrix values). */
  readonly variables: ReadonlyMap<string, string>;
  /** CI_PROJECT_NAME. */
  readonly projectName: string;
  /** Where GIT_CLONE_PATH was set, for the diagnostic. */
  readonly path: readonly (string | number)[];
};

/**
 * The job's CI_PROJECT_DIR from GIT_CLONE_PATH (expanded with CI_BUILDS_DIR, CI_PROJECT_NAME and
 * the job's variables, normalized), undefined when it is not set, or why it cannot be honoured.
 * @example clonePath({ value: "$CI_BUILDS_DIR/go/src/app", expand: true, variables: new Map(), projectName: "app", path: [] }) // { projectDir: "/builds/go/src/app" }
 */
export function clonePath(
  input: ClonePathInput,
): { projectDir: string | undefined } | { diagnostic: Diagnostic } {
  const written = input.value;
  if (written === undefined || written === "") return { projectDir: undefined };
  const values = new Map([
    ...input.variables,
    ["CI_BUILDS_DIR", BUILDS_DIR],
    ["CI_PROJECT_NAME", input.projectName],
  ]);
  let text = written;
  for (let round = 0; input.expand && round < EXPANSION_ROUNDS && text.includes("$"); round++) {
    const next = expandVariables(text, values);
    if (next === text) break;
    text = next;
  }
  const where = formatPath(input.path);
  const unknown = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(text)?.[1];
  if (unknown !== undefined) {
    return {
      diagnostic: errorDiagnostic(
        "kubernetes/git-clone-path",
        where,
        `GIT_CLONE_PATH "${written}" refers to $${unknown}, which a Kubernetes run cannot know before it starts (it knows CI_BUILDS_DIR=${BUILDS_DIR}, CI_PROJECT_NAME and the pipeline's variables); write the path out, or set kubernetes.projectDir instead`,
      ),
    };
  }
  const projectDir = normalized(text);
  if (!projectDir.startsWith(`${BUILDS_DIR}/`)) {
    return {
      diagnostic: errorDiagnostic(
        "kubernetes/git-clone-path",
        where,
        `GIT_CLONE_PATH "${written}" is ${projectDir}, not inside CI_BUILDS_DIR (${BUILDS_DIR}), which GitLab requires too; use a path under ${BUILDS_DIR}/, or set kubernetes.projectDir for a workspace elsewhere`,
      ),
    };
  }
  return { projectDir };
}

// `/builds//a/./b/../c/` → `/builds/a/c`; a relative path stays relative (and is refused above).
function normalized(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `${path.startsWith("/") ? "/" : ""}${parts.join("/")}`;
}
