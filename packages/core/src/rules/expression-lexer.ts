/** One token of a `rules:if` expression, with the column (0-based) where it starts. */
export type ExpressionToken =
  | { kind: "variable"; name: string; column: number }
  | { kind: "input"; name: string; column: number }
  | { kind: "string"; value: string; column: number }
  | { kind: "pattern"; source: string; flags: string; column: number }
  | { kind: "null"; column: number }
  | { kind: "boolean"; value: boolean; column: number }
  | { kind: "operator"; operator: ComparisonOperator | LogicalOperator; column: number }
  | { kind: "open"; column: number }
  | { kind: "close"; column: number };

/** The operators that compare two values. */
export type ComparisonOperator = "==" | "!=" | "=~" | "!~";
/** The operators that combine two conditions. */
export type LogicalOperator = "&&" | "||";

/** Where and why an expression cannot be read. */
export type ExpressionSyntaxError = {
  message: string;
  column: number;
  /** The message says everything (it is shown without the expression and column). */
  standalone?: true;
};

// GitLab caps an expression at 99 tokens (its lexer stops at the 100th).
const MAX_TOKENS = 99;

// The lexemes in GitLab's order (the first that matches at the current position wins). A pattern
// needs at least two characters between its slashes and cannot end in a backslash: GitLab's
// lexer reads `/a/` as no token at all, so such an expression is rejected there too.
const LEXEMES: readonly [RegExp, (match: RegExpExecArray, column: number) => ExpressionToken][] = [
  [/\(/y, (_, column) => ({ kind: "open", column })],
  [/\)/y, (_, column) => ({ kind: "close", column })],
  [/\$\[\[\s*inputs\.(\w+)\s*\]\]/y, (m, column) => ({ kind: "input", name: m[1]!, column })],
  [/\$(\w+)/y, (m, column) => ({ kind: "variable", name: m[1]!, column })],
  [/"(.*?)"|'(.*?)'/y, (m, column) => ({ kind: "string", value: m[1] ?? m[2]!, column })],
  [
    /\/((?:[^/]|\\\/)+[^\\])\/([ismU]*)/y,
    (m, column) => ({
      kind: "pattern",
      source: m[1]!.replaceAll("\\/", "/"),
      flags: m[2]!,
      column,
    }),
  ],
  [/null/y, (_, column) => ({ kind: "null", column })],
  [/\b(?:true|false)\b/y, (m, column) => ({ kind: "boolean", value: m[0] === "true", column })],
  [/==|=~|!=|!~|&&|\|\|/y, (m, column) => operator(m[0], column)],
];

function operator(text: string, column: number): ExpressionToken {
  return { kind: "operator", operator: text as ComparisonOperator | LogicalOperator, column };
}

/**
 * Splits a `rules:if` expression into tokens the way GitLab's lexer does, or says where it
 * cannot.
 * @example tokenizeExpression('$CI_COMMIT_BRANCH == "main"') // variable, operator, string
 */
export function tokenizeExpression(
  text: string,
): { tokens: ExpressionToken[] } | { error: ExpressionSyntaxError } {
  const tokens: ExpressionToken[] = [];
  let position = 0;
  for (;;) {
    while (position < text.length && /\s/.test(text[position]!)) position++;
    if (position >= text.length) return { tokens };
    if (tokens.length === MAX_TOKENS) {
      return { error: { message: `more than ${MAX_TOKENS} tokens`, column: position } };
    }
    const token = nextToken(text, position);
    if (token === undefined) return { error: unknownToken(text, position) };
    tokens.push(token.token);
    position = token.end;
    const flag = token.token.kind === "pattern" ? /^\w/.exec(text.slice(position)) : null;
    if (flag !== null) {
      return {
        error: {
          message: `unknown pattern flag "${flag[0]}" (GitLab knows i, s, m and U)`,
          column: position,
        },
      };
    }
  }
}

function nextToken(text: string, position: number) {
  for (const [pattern, build] of LEXEMES) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (match !== null) return { token: build(match, position), end: pattern.lastIndex };
  }
  return undefined;
}

function unknownToken(text: string, column: number): ExpressionSyntaxError {
  const rest = text.slice(column);
  const word = /^\S+/.exec(rest)?.[0] ?? rest;
  const braced = /^\$\{(\w+)\}/.exec(rest);
  // The shell's `${VAR}` is the most common slip; say what to write instead.
  if (braced !== null) {
    const message = `${braced[0]} is not expanded in rules:if; use $${braced[1]}`;
    return { message, column, standalone: true };
  }
  if (rest.startsWith("/")) {
    return {
      message: `unreadable pattern at ${JSON.stringify(word)}: write /pattern/flags with at least two characters between the slashes and flags among i, s, m, U`,
      column,
    };
  }
  if (rest.startsWith('"') || rest.startsWith("'")) {
    return { message: `unterminated string ${word}`, column };
  }
  return { message: `unexpected ${JSON.stringify(word)}`, column };
}
