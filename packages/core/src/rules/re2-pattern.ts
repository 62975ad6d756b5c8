/** A GitLab (RE2) pattern compiled for JavaScript, or why it cannot be. */
export type CompiledPattern = { regexp: RegExp } | { error: string };

// RE2's POSIX classes (ASCII only), as the body of a JavaScript character class.
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

// RE2's `\s` is exactly these five characters; JavaScript's also takes \v and Unicode spaces.
const RE2_SPACE = "\\t\\n\\f\\r ";
const RE2_MAX_REPEAT = 1000;

class Unsupported extends Error {}

/**
 * Compiles a `rules:if` pattern (`/source/flags`, flags among i, s, m, U) the way GitLab's RE2
 * engine reads it: RE2-only syntax is translated (`\A`, `\z`, `\Q…\E`, `(?P<name>`, POSIX
 * classes, `\pL`, a leading `(?i)`), and what RE2 rejects (lookaround, backreferences, atomic
 * groups, possessive quantifiers, …) is an error, as it is on GitLab.
 * @example compileRe2Pattern("^release-\\d+$", "i") // { regexp: /^release-\d+$/i }
 */
export function compileRe2Pattern(source: string, flags: string): CompiledPattern {
  try {
    const translated = new Translator(source, flags);
    const body = translated.translate();
    const jsFlags = [...translated.flags].filter((flag) => "ims".includes(flag)).join("");
    return { regexp: new RegExp(body, jsFlags + (translated.unicode ? "u" : "")) };
  } catch (error) {
    if (error instanceof Unsupported) return { error: error.message };
    if (error instanceof SyntaxError) {
      return { error: `invalid regular expression /${source}/: ${error.message}` };
    }
    throw error;
  }
}

class Translator {
  private position = 0;
  readonly flags: Set<string>;
  unicode = false;

  constructor(
    private readonly source: string,
    flags: string,
  ) {
    this.flags = new Set(flags);
  }

  translate(): string {
    this.leadingFlags();
    let out = "";
    while (this.position < this.source.length) {
      const char = this.source[this.position]!;
      if (char === "\\") out += this.escape(false);
      else if (char === "[") out += this.characterClass();
      else if (char === "(") out += this.group();
      else if ("*+?}".includes(char)) out += this.quantifier(char);
      else {
        out += char;
        this.position++;
      }
    }
    return out;
  }

  // RE2 takes `(?i)` anywhere; JavaScript (Node 20) nowhere, so only a leading one becomes a flag.
  private leadingFlags(): void {
    const match = /^\(\?([imsU]+)\)/.exec(this.source);
    if (match === null) return;
    for (const flag of match[1]!) this.flags.add(flag);
    this.position = match[0].length;
  }

  private quantifier(char: string): string {
    let text = char;
    if (char === "}") {
      const open = this.source.lastIndexOf("{", this.position);
      const bounds = this.source.slice(open + 1, this.position).split(",");
      if (bounds.some((bound) => Number(bound) > RE2_MAX_REPEAT)) {
        throw new Unsupported(`a repeat count above ${RE2_MAX_REPEAT} is rejected by RE2`);
      }
    }
    this.position++;
    if (this.source[this.position] === "+") {
      throw new Unsupported(`possessive quantifiers (${char}+) are not supported by RE2`);
    }
    if (this.source[this.position] === "?") {
      text += "?";
      this.position++;
    }
    return text;
  }

  private group(): string {
    const rest = this.source.slice(this.position);
    const reject = (construct: string) => {
      throw new Unsupported(`${construct} is not supported by RE2 (GitLab's regexp engine)`);
    };
    if (/^\(\?<?[=!]/.test(rest)) reject("lookaround ((?=, (?!, (?<=, (?<!)");
    if (rest.startsWith("(?>")) reject("an atomic group (?>…)");
    if (rest.startsWith("(?#")) reject("a comment group (?#…)");
    if (/^\(\?P[=>]/.test(rest)) reject("a named backreference (?P=name)");
    if (rest.startsWith("(?P<")) {
      this.position += 3;
      return "(?";
    }
    const plain = /^\((?:\?<\w+>|\?:)?/.exec(rest)![0];
    if (plain.length > 1 || !rest.startsWith("(?")) {
      this.position += plain.length;
      return plain;
    }
    if (/^\(\?[imsU-]+[:)]/.test(rest)) {
      reject("an inline flag group other than a leading (?flags)");
    }
    return reject(`the group ${JSON.stringify(rest.slice(0, 3))}`);
  }

  private characterClass(): string {
    let out = "[";
    this.position++;
    if (this.source[this.position] === "^") {
      out += "^";
      this.position++;
    }
    // A `]` first in the class is a literal in RE2.
    if (this.source[this.position] === "]") {
      out += "\\]";
      this.position++;
    }
    while (this.position < this.source.length && this.source[this.position] !== "]") {
      const posix = /^\[:(\^?)(\w+):\]/.exec(this.source.slice(this.position));
      if (posix !== null) {
        const body = POSIX_CLASSES[posix[2]!];
        if (body === undefined) throw new Unsupported(`unknown POSIX class [:${posix[2]}:]`);
        if (posix[1] === "^") throw new Unsupported(`a negated POSIX class [:^${posix[2]}:]`);
        out += body;
        this.position += posix[0].length;
      } else if (this.source[this.position] === "\\") {
        out += this.escape(true);
      } else if (this.source[this.position] === "[") {
        out += "\\[";
        this.position++;
      } else {
        out += this.source[this.position];
        this.position++;
      }
    }
    this.position++;
    return `${out}]`;
  }

  private escape(inClass: boolean): string {
    const next = this.source[this.position + 1];
    this.position += 2;
    if (next === undefined) throw new SyntaxError("trailing backslash");
    if (/[1-9]/.test(next)) {
      throw new Unsupported(`backreferences (\\${next}) are not supported by RE2`);
    }
    switch (next) {
      case "A":
        return "(?<![\\s\\S])";
      case "z":
        return "(?![\\s\\S])";
      case "Z":
      case "G":
      case "C":
      case "k":
        throw new Unsupported(`\\${next} is not supported by RE2`);
      case "a":
        return "\\x07";
      case "s":
        return inClass ? RE2_SPACE : `[${RE2_SPACE}]`;
      case "S":
        return inClass ? "\\S" : `[^${RE2_SPACE}]`;
      case "Q":
        return this.quoted();
      case "p":
      case "P":
        return this.unicodeClass(next);
      case "x":
        return this.hex();
    }
    // RE2 lets any punctuation be escaped; JavaScript's unicode mode only some, so spell it out.
    if (/[^\w\s]/.test(next)) return escapeCharacter(next);
    return `\\${next}`;
  }

  private quoted(): string {
    const end = this.source.indexOf("\\E", this.position);
    const literal = this.source.slice(this.position, end === -1 ? undefined : end);
    this.position = end === -1 ? this.source.length : end + 2;
    return [...literal].map(escapeCharacter).join("");
  }

  private unicodeClass(letter: string): string {
    const match = /^(?:\{(\^?)(\w+)\}|(\w))/.exec(this.source.slice(this.position));
    if (match === null) throw new SyntaxError(`\\${letter} needs a class name`);
    this.position += match[0].length;
    this.unicode = true;
    const name = match[2] ?? match[3]!;
    const negated = (letter === "P") !== (match[1] === "^");
    // One- and two-letter names are general categories; longer ones are scripts (`\p{Greek}`).
    const property = name.length <= 2 || name === "Any" ? name : `Script=${name}`;
    return `\\${negated ? "P" : "p"}{${property}}`;
  }

  private hex(): string {
    const braced = /^\{([0-9A-Fa-f]+)\}/.exec(this.source.slice(this.position));
    if (braced !== null) {
      this.position += braced[0].length;
      return escapeCharacter(String.fromCodePoint(Number.parseInt(braced[1]!, 16)));
    }
    return "\\x";
  }
}

function escapeCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  if (code > 0xffff) return char.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
  return `\\u${code.toString(16).padStart(4, "0")}`;
}
