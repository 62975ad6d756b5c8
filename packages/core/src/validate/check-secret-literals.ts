import { type Diagnostic, warning } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/path.js";
import type { CheckInput } from "./check-input.js";

// Token formats that are secrets whatever the variable is called (GitLab, GitHub, AWS, Slack,
// Stripe, npm tokens, PEM private keys).
const TOKEN_FORMATS =
  /^(glpat-|gh[pousr]_|github_pat_|xox[abpors]-|sk_live_|npm_[A-Za-z0-9]{36})|^AKIA[0-9A-Z]{16}$|-----BEGIN [A-Z ]*PRIVATE KEY-----/;
// Names that say a secret, and a value that looks like one: long, no spaces, no `$` (a reference to
// another variable is how a secret should be passed), not a URL or a path, letters and digits.
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY/i;
const NOT_A_SECRET_NAME =
  /_(URL|URI|PATH|FILE|DIR|IMAGE|HOST|NAME|TYPE|ID|PREFIX|SUFFIX|VERSION)$/i;

/** True when a variable's literal value looks like a credential written into the file. */
function looksLikeSecret(name: string, value: string): boolean {
  if (TOKEN_FORMATS.test(value)) return true;
  return (
    SECRET_NAME.test(name) &&
    !NOT_A_SECRET_NAME.test(name) &&
    value.length >= 16 &&
    !/[\s$]/.test(value) &&
    !/^[a-z][a-z+.-]*:\/\//i.test(value) &&
    !value.startsWith("/") &&
    /[A-Za-z]/.test(value) &&
    /[0-9]/.test(value)
  );
}

/**
 * Top-level and job `variables` whose literal value looks like a credential (a token format, or a
 * secret's name with a long random value): warnings, since the YAML is committed and readable by
 * everyone with access to the repository.
 */
export function checkSecretLiterals(input: CheckInput): Diagnostic[] {
  const places: [readonly (string | number)[], unknown][] = [
    [["variables"], input.writtenTopLevel.variables],
    ...Object.entries(input.written).map(([name, job]): [readonly (string | number)[], unknown] => [
      ["jobs", name, "variables"],
      job.variables,
    ]),
  ];
  return places.flatMap(([path, variables]) => {
    if (typeof variables !== "object" || variables === null || Array.isArray(variables)) return [];
    return Object.entries(variables).flatMap(([name, entry]: [string, unknown]) => {
      const value =
        typeof entry === "string"
          ? entry
          : typeof entry === "object" && entry !== null && "value" in entry
            ? entry.value
            : undefined;
      if (typeof value !== "string" || !looksLikeSecret(name, value)) return [];
      const message =
        "looks like a secret written into the pipeline, where everyone who can read the repository sees it; define it as a masked CI/CD variable in GitLab's settings (on Kubernetes: kubernetes.secrets) and remove it here";
      return [warning("variables/literal-secret", formatPath([...path, name]), message)];
    });
  });
}
