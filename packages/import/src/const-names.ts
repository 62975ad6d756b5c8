// Names for the `const`s an import declares, from YAML anchors (`&common_rules`) and hidden
// templates (`.node-job`): camel case, never a reserved word or a name already taken.

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with yield let static implements interface package private " +
    "protected public await arguments eval undefined NaN Infinity satisfies as of"
  ).split(" "),
);

/** Hands out distinct identifiers, never one of `taken`. */
export class ConstNames {
  private readonly used: Set<string>;

  constructor(taken: Iterable<string>) {
    this.used = new Set([...RESERVED, ...taken]);
  }

  /** A new identifier for `name` (`common_rules` → `commonRules`, then `commonRules2`, …). */
  next(name: string): string {
    const base = camelCase(name);
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

function camelCase(name: string): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter((part) => part !== "");
  if (parts.length === 0) return "template";
  const [first, ...rest] = parts;
  const head = /^[A-Z0-9]+$/.test(first!) ? first!.toLowerCase() : lowerFirst(first!);
  const text = head + rest.map((part) => part[0]!.toUpperCase() + part.slice(1)).join("");
  return /^[0-9]/.test(text) ? `_${text}` : text;
}

function lowerFirst(text: string): string {
  return text[0]!.toLowerCase() + text.slice(1);
}
