import { type Diagnostic, warningDiagnostic } from "@pipecraft/core";
import type * as Yaml from "yaml";

/**
 * Every key a YAML mapping repeats, as a warning at the repeated key's line and column: GitLab's reader
 * keeps the last value, silently. Merge keys (`<<`) are not counted: repeating them is how
 * several anchors are merged.
 */
export function duplicateKeys(
  root: unknown,
  yaml: typeof Yaml,
  placeOf: (offset: number) => { line: number; col: number },
  file: string,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const walk = (node: unknown, path: readonly string[]): void => {
    if (yaml.isSeq(node)) {
      node.items.forEach((item, i) => {
        walk(item, [...path, `[${i}]`]);
      });
      return;
    }
    if (!yaml.isMap(node)) return;
    const first = new Map<string, number>();
    for (const pair of node.items) {
      // A merge key reads as a symbol in YAML 1.1 (`Symbol(<<)`).
      const key = !yaml.isScalar(pair.key)
        ? undefined
        : typeof pair.key.value === "symbol"
          ? "<<"
          : String(pair.key.value);
      if (key !== undefined && key !== "<<") {
        const { line, col } = placeOf(yaml.isNode(pair.key) ? (pair.key.range?.[0] ?? 0) : 0);
        const earlier = first.get(key);
        if (earlier === undefined) first.set(key, line);
        else {
          const name = [...path, key].join(".").replaceAll(".[", "[");
          found.push(
            warningDiagnostic(
              "yaml/duplicate-key",
              `${file}:${line}:${col}`,
              `duplicate key ${name} (first at line ${earlier}); GitLab keeps this last one`,
            ),
          );
        }
      }
      walk(pair.value, key === undefined ? path : [...path, key]);
    }
  };
  walk(root, []);
  return found;
}
