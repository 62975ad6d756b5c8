/** Ruby `File.fnmatch` flags that GitLab passes for `changes` and `exists`. */
export type FnmatchOptions = {
  /** FNM_DOTMATCH: wildcards match a leading `.` of a file or folder name. */
  dotmatch: boolean;
  /** FNM_EXTGLOB: `{a,b}` alternatives. */
  extglob: boolean;
};

/** GitLab's flags for `rules:changes` and `rules:exists`: FNM_PATHNAME | FNM_DOTMATCH | FNM_EXTGLOB. */
export const RULES_GLOB: FnmatchOptions = { dotmatch: true, extglob: true };
/** GitLab's flags for `only:changes` / `except:changes`: FNM_PATHNAME alone. */
export const ONLY_CHANGES_GLOB: FnmatchOptions = { dotmatch: false, extglob: false };

/**
 * Compiles a glob with the semantics of Ruby's `File.fnmatch` with FNM_PATHNAME, which GitLab
 * uses: `*` and `?` stay within one folder, `**\/` spans any number of folders, and a `**` that
 * is not a whole path segment is a plain `*`. (Picomatch and minimatch read `dir/**` as
 * recursive, GitLab does not, hence this small translator instead of a library.)
 * @example globRegExp("src/**\/*.ts", RULES_GLOB).test("src/a/b.ts") // true
 */
export function globRegExp(glob: string, options: FnmatchOptions): RegExp {
  return new RegExp(`^${translate(glob, options)}$`, "s");
}

function translate(glob: string, options: FnmatchOptions): string {
  const noLeadingDot = options.dotmatch ? "" : "(?!\\.)";
  let out = "";
  let i = 0;
  const atSegmentStart = () => i === 0 || glob[i - 1] === "/";
  while (i < glob.length) {
    const char = glob[i]!;
    if (char === "*" && glob[i + 1] === "*" && glob[i + 2] === "/" && atSegmentStart()) {
      out += `(?:${noLeadingDot}[^/]*/)*`;
      i += 3;
    } else if (char === "*") {
      out += `${atSegmentStart() ? noLeadingDot : ""}[^/]*`;
      while (glob[i] === "*") i++;
    } else if (char === "?") {
      out += `${atSegmentStart() ? noLeadingDot : ""}[^/]`;
      i++;
    } else if (char === "[") {
      const end = classEnd(glob, i);
      if (end === -1) {
        out += "\\[";
        i++;
      } else {
        let body = glob.slice(i + 1, end);
        const negated = body.startsWith("!") || body.startsWith("^");
        if (negated) body = body.slice(1);
        out += `(?!/)[${negated ? "^" : ""}${body.replace(/[\]\\^]/g, "\\$&")}]`;
        i = end + 1;
      }
    } else if (char === "{" && options.extglob) {
      const end = braceEnd(glob, i);
      if (end === -1) {
        out += "\\{";
        i++;
      } else {
        const alternatives = splitAlternatives(glob.slice(i + 1, end));
        out += `(?:${alternatives.map((part) => translate(part, options)).join("|")})`;
        i = end + 1;
      }
    } else if (char === "\\" && i + 1 < glob.length) {
      out += escapeLiteral(glob[i + 1]!);
      i += 2;
    } else {
      out += escapeLiteral(char);
      i++;
    }
  }
  return out;
}

function escapeLiteral(char: string): string {
  return char.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

function classEnd(glob: string, start: number): number {
  let i = start + 1;
  if (glob[i] === "!" || glob[i] === "^") i++;
  if (glob[i] === "]") i++;
  return glob.indexOf("]", i);
}

function braceEnd(glob: string, start: number): number {
  let depth = 0;
  for (let i = start; i < glob.length; i++) {
    if (glob[i] === "\\") i++;
    else if (glob[i] === "{") depth++;
    else if (glob[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char === "\\") {
      current += char + (body[i + 1] ?? "");
      i++;
      continue;
    }
    if (char === "{") depth++;
    if (char === "}") depth--;
    if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts;
}
