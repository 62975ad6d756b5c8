// GitLab expands `$NAME` and `${NAME}` in variable values (unless `expand: false`) and reads
// `$$` as a literal `$`. Kubernetes expands only `$(NAME)`, and only for variables defined earlier
// in the container's `env`; `$$` is its escape for `$`.
const TOKEN = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$/g;

/**
 * A GitLab variable value rewritten so that Kubernetes gives the container what GitLab would:
 * references to `defined` variables become `$(NAME)`; every other `$` stays literal (escaped as
 * `$$` where Kubernetes would otherwise read it as syntax).
 * @example kubernetesEnvValue("$CI_PROJECT_DIR/.npm", new Set(["CI_PROJECT_DIR"]), true) // "$(CI_PROJECT_DIR)/.npm"
 */
export function kubernetesEnvValue(
  value: string,
  defined: ReadonlySet<string>,
  expand: boolean,
): string {
  if (!value.includes("$")) return value;
  // Taken literally, only `$$` and `$(` mean something to Kubernetes; most scripts have neither.
  if (!expand && !value.includes("$$") && !value.includes("$(")) return value;
  return value.replace(
    TOKEN,
    (token: string, braced: string | undefined, bare: string | undefined, offset: number) => {
      const name = braced ?? bare;
      if (expand && name !== undefined && defined.has(name)) return `$(${name})`;
      if (expand && token === "$$") return literalDollar(value, offset + 2);
      if (name !== undefined) return `${literalDollar(value, offset + 1)}${token.slice(1)}`;
      return token === "$$"
        ? `${literalDollar(value, offset + 1)}${literalDollar(value, offset + 2)}`
        : literalDollar(value, offset + 1);
    },
  );
}

// A literal `$` must be doubled when Kubernetes would read it together with what follows.
function literalDollar(value: string, next: number): string {
  const following = value[next];
  return following === "$" || following === "(" ? "$$" : "$";
}

/**
 * `text` for a container's `command`, `args` or `env` with nothing for Kubernetes to expand: the
 * kubelet replaces `$(NAME)` and `$$` there, and a shell script must reach the shell as written.
 * @example kubernetesLiteral("echo pid $$ $(date)") // "echo pid $$$ $$(date)"
 */
export function kubernetesLiteral(text: string): string {
  return kubernetesEnvValue(text, NO_VARIABLES, false);
}

const NO_VARIABLES: ReadonlySet<string> = new Set();
