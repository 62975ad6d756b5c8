/** One job of a `parallel: matrix`: its variables, in the order the matrix writes them. */
export type MatrixCombination = readonly (readonly [name: string, value: string])[];

/**
 * The jobs a `parallel: matrix` creates, in GitLab's order: entry by entry, and within an entry
 * every combination of its values (the first variable varies slowest).
 * @example matrixCombinations([{ OS: ["linux", "mac"], NODE: "22" }]) // [[["OS","linux"],["NODE","22"]], [["OS","mac"],["NODE","22"]]]
 */
export function matrixCombinations(
  matrix: readonly Readonly<Record<string, unknown>>[],
): MatrixCombination[] {
  return matrix.flatMap((entry) => {
    let result: (readonly [string, string])[][] = [[]];
    for (const [name, value] of Object.entries(entry)) {
      const values = (Array.isArray(value) ? value : [value]).map(String);
      result = result.flatMap((prefix) => values.map((item) => [...prefix, [name, item] as const]));
    }
    return result;
  });
}
