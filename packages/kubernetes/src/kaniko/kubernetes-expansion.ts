// A `$NAME` or `${NAME}` reference, or any other `$`.
const dollar = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))?/g;

/**
 * A value written with shell-style references (`$NAME`, `${NAME}`) in Kubernetes' own syntax for
 * `args`: references become `$(NAME)`, expanded by the kubelet from the container's `env`, and
 * every other `$` is doubled so that it stays literal.
 * @example kubernetesExpansion("$CI_REGISTRY_IMAGE:${TAG}") // "$(CI_REGISTRY_IMAGE):$(TAG)"
 */
export function kubernetesExpansion(value: string): string {
  return value.replace(dollar, (_match, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare;
    return name === undefined ? "$$" : `$(${name})`;
  });
}
