import {
  type Diagnostic,
  errorDiagnostic,
  formatPath,
  type JobVariable,
  type KubernetesJob,
  type MatrixCombination,
} from "@pipecraft/core";
import type { V1EnvVar } from "@pipecraft/core/kubernetes-types";
import { envVarNameProblem } from "./env-var-name.js";
import { kubernetesEnvValue } from "./kubernetes-env-value.js";

/** What a job's `env` is built from, lowest precedence first. */
export type EnvironmentSources = {
  /** GitLab's predefined variables that mean something off GitLab. */
  readonly predefined: readonly V1EnvVar[];
  /** `kubernetes.secrets` of the pipeline, then of the job. */
  readonly secrets: NonNullable<KubernetesJob["secrets"]>;
  /** Top-level under job variables (see `jobVariables`), with where each came from. */
  readonly variables: ReadonlyMap<
    string,
    JobVariable & { readonly path: readonly (string | number)[] }
  >;
  /** The matrix combination this Job runs, highest precedence. */
  readonly matrix: MatrixCombination | undefined;
  readonly path: readonly (string | number)[];
};

/**
 * The container `env` of a job: predefined variables, then Secret-backed ones (as
 * `secretKeyRef`, never a value), then the pipeline's and job's variables and the matrix values,
 * a later definition of a name replacing an earlier one in place. A variable that is also a
 * secret is an error (its value would be written into the manifest), and so is a name the API
 * server rejects.
 */
export function jobEnvironment(sources: EnvironmentSources): {
  env: V1EnvVar[];
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const env = new Map<string, V1EnvVar>();
  const defined = new Set<string>();
  for (const variable of sources.predefined) {
    env.set(variable.name, variable);
    defined.add(variable.name);
  }
  for (const [name, ref] of Object.entries(sources.secrets)) {
    const secretKeyRef = {
      name: ref.name,
      key: ref.key,
      ...(ref.optional === undefined ? {} : { optional: ref.optional }),
    };
    env.set(name, { name, valueFrom: { secretKeyRef } });
    defined.add(name);
  }
  const literal = (
    name: string,
    value: string,
    expand: boolean,
    path: readonly (string | number)[],
  ) => {
    const problem = envVarNameProblem(name);
    if (problem !== undefined) {
      diagnostics.push(
        errorDiagnostic(
          "kubernetes/invalid-variable-name",
          formatPath(path),
          `Kubernetes rejects this variable name: ${problem}; rename the variable to printable ASCII characters other than "=" (the rule of Kubernetes 1.34), e.g. letters, digits and "_"`,
        ),
      );
      return;
    }
    if (Object.hasOwn(sources.secrets, name)) {
      diagnostics.push(
        errorDiagnostic(
          "kubernetes/secret-with-literal",
          formatPath(path),
          `${name} is a secret (kubernetes.secrets), so it cannot also have a literal value; remove one of the two`,
        ),
      );
      return;
    }
    env.set(name, { name, value: kubernetesEnvValue(value, defined, expand) });
    defined.add(name);
  };
  for (const [name, variable] of sources.variables)
    literal(name, variable.value, variable.expand, variable.path);
  for (const [name, value] of sources.matrix ?? []) {
    literal(name, value, true, [...sources.path, "parallel", "matrix", name]);
  }
  return { env: [...env.values()], diagnostics };
}
