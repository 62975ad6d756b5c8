import {
  type ComparisonOperator,
  type ExpressionSyntaxError,
  type ExpressionToken,
  type LogicalOperator,
  tokenizeExpression,
} from "./expression-lexer.js";
import { compileRe2Pattern } from "./re2-pattern.js";

/** A parsed `rules:if` expression. */
export type ExpressionNode =
  | { kind: "variable"; name: string }
  | { kind: "input"; name: string }
  | { kind: "string"; value: string }
  | { kind: "pattern"; source: string; flags: string }
  | { kind: "null" }
  | { kind: "boolean"; value: boolean }
  | { kind: "compare"; operator: ComparisonOperator; left: ExpressionNode; right: ExpressionNode }
  | { kind: "logical"; operator: LogicalOperator; left: ExpressionNode; right: ExpressionNode };

/** What `parseExpression` returns: the tree, or the first syntax error. */
export type ParsedExpression = { ast: ExpressionNode } | { error: ExpressionSyntaxError };

/** The message for an `if:` that cannot be parsed: what is wrong, and where. */
/** The diagnostic code of a syntax error: the shell's `${VAR}` has its own. */
export function expressionErrorCode(
  syntaxError: ExpressionSyntaxError,
): "rules/braced-variable" | "rules/invalid-expression" {
  return syntaxError.standalone === true ? "rules/braced-variable" : "rules/invalid-expression";
}

export function expressionErrorMessage(text: string, syntaxError: ExpressionSyntaxError): string {
  if (syntaxError.standalone === true) return syntaxError.message;
  return `invalid expression ${JSON.stringify(text)}: ${syntaxError.message} (at column ${syntaxError.column + 1})`;
}

const COMPARISONS: ReadonlySet<string> = new Set(["==", "!=", "=~", "!~"]);

/**
 * Parses a `rules:if` / `only:variables` expression with GitLab's grammar: comparisons bind
 * tighter than `&&`, which binds tighter than `||`; all are left-associative.
 * @example parseExpression('$CI_COMMIT_TAG || $CI_COMMIT_BRANCH == "main"')
 */
export function parseExpression(text: string): ParsedExpression {
  const lexed = tokenizeExpression(text);
  if ("error" in lexed) return lexed;
  if (lexed.tokens.length === 0) return { error: { message: "empty expression", column: 0 } };
  const parser = new Parser(lexed.tokens, text.length);
  try {
    const ast = parser.or();
    parser.expectEnd();
    return { ast };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { error: error.detail };
    throw error;
  }
}

class SyntaxFailure extends Error {
  constructor(readonly detail: ExpressionSyntaxError) {
    super(detail.message);
  }
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: readonly ExpressionToken[],
    private readonly length: number,
  ) {}

  or(): ExpressionNode {
    let left = this.and();
    while (this.isOperator("||")) {
      this.index++;
      left = { kind: "logical", operator: "||", left, right: this.and() };
    }
    return left;
  }

  expectEnd(): void {
    const token = this.tokens[this.index];
    if (token === undefined) return;
    if (token.kind === "close") this.fail("unmatched )", token.column);
    this.fail("expected an operator (==, !=, =~, !~, && or ||) between two values", token.column);
  }

  private and(): ExpressionNode {
    let left = this.comparison();
    while (this.isOperator("&&")) {
      this.index++;
      left = { kind: "logical", operator: "&&", left, right: this.comparison() };
    }
    return left;
  }

  private comparison(): ExpressionNode {
    let left = this.operand();
    for (;;) {
      const token = this.tokens[this.index];
      if (token?.kind !== "operator" || !COMPARISONS.has(token.operator)) return left;
      this.index++;
      const operator = token.operator as ComparisonOperator;
      left = { kind: "compare", operator, left, right: this.operand() };
    }
  }

  private operand(): ExpressionNode {
    const token = this.tokens[this.index];
    const previous = this.tokens[this.index - 1];
    if (token === undefined) {
      const after = previous?.kind === "operator" ? ` after ${previous.operator}` : "";
      return this.fail(`expected a value${after}`, this.length);
    }
    this.index++;
    switch (token.kind) {
      case "open": {
        const inner = this.or();
        const close = this.tokens[this.index];
        if (close?.kind !== "close") this.fail("missing )", close?.column ?? this.length);
        this.index++;
        return inner;
      }
      case "close":
        return this.fail("expected a value before )", token.column);
      case "operator":
        return this.fail(`expected a value before ${token.operator}`, token.column);
      case "variable":
      case "input":
        return { kind: token.kind, name: token.name };
      case "string":
        return { kind: "string", value: token.value };
      case "pattern": {
        // GitLab compiles a written pattern while reading the expression: a bad one is a syntax error.
        const compiled = compileRe2Pattern(token.source, token.flags);
        if ("error" in compiled) this.fail(compiled.error, token.column);
        return { kind: "pattern", source: token.source, flags: token.flags };
      }
      case "null":
        return { kind: "null" };
      case "boolean":
        return { kind: "boolean", value: token.value };
    }
  }

  private isOperator(operator: LogicalOperator): boolean {
    const token = this.tokens[this.index];
    return token?.kind === "operator" && token.operator === operator;
  }

  private fail(message: string, column: number): never {
    throw new SyntaxFailure({ message, column });
  }
}
