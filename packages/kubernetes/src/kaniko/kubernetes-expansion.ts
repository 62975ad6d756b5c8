import { VARIABLE_REFERENCE_OR_DOLLAR } from "./variable-reference.js";

/**
 * A value written with shell-style references (`$NAME`, `${NAME}`) in Kubernetes' own syntax for
 * `args`: references become `$(NAME)`, expanded by the kubelet from the container's `env`, and
 * every other `$` is doubled so that it stays literal.
 * @example kubernetesExpansion("$CI_REGISTRY_IMAGE:${TAG}") // "$(CI_REGISTRY_IMAGE):$(TAG)"
 */
export function kubernetesExpansion(value: string): string {
  return value.replace(
    VARIABLE_REFERENCE_OR_DOLLAR,
    (_match, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare;
      return name === undefined ? "$$" : `$(${name})`;
    },
  );
}
