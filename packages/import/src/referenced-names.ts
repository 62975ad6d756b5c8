// Which module imports a file still reads: the names its identifiers start with.
import type { ObjectEntry, TsExpression } from "./ts-expression.js";

/** The names that identifiers of `entries` start with (`base` of `...base.jobs`). */
export function referencedNames(entries: readonly ObjectEntry[]): Set<string> {
  const names = new Set<string>();
  const visit = (expression: TsExpression): void => {
    switch (expression.kind) {
      case "identifier": {
        const name = /^(?:\.\.\.)?([A-Za-z_$][A-Za-z0-9_$]*)/.exec(expression.name)?.[1];
        if (name !== undefined) names.add(name);
        return;
      }
      case "call":
        for (const arg of expression.args) visit(arg);
        return;
      case "object":
        for (const entry of expression.entries) visit(entry.value);
        return;
      case "array":
        for (const element of expression.elements) visit(element.value);
        return;
      default:
        return;
    }
  };
  for (const entry of entries) visit(entry.value);
  return names;
}
