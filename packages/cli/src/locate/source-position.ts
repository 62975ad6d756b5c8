// Where in the pipeline file a diagnostic's path was written: the path (`jobs.test.needs[0]`) is
// followed through the syntax tree of the default export, `pipeline({ ... })`, object literal by
// object literal. Where the value was computed (a spread, a helper call, a loop), the walk stops
// at the closest literal and says so.
type PathSegment = string | number;

import type * as TypeScript from "typescript";

/** A place in the file: 1-based line and column, and whether the value was computed nearby. */
export type SourcePosition = { line: number; column: number; computed: boolean };

/**
 * The position of `path` (segments into the pipeline input; a first segment `options` is the
 * second argument of `pipeline()`) in `text`, or undefined when the file's default export is not
 * a `pipeline(...)` call whose argument can be found.
 */
export function sourcePosition(
  ts: typeof TypeScript,
  fileName: string,
  text: string,
  path: readonly PathSegment[],
): SourcePosition | undefined {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const walker = new PathWalker(ts, file);
  const call = walker.defaultExportCall();
  if (call === undefined) return undefined;
  const [first, ...rest] = path;
  const root = first === "options" ? call.arguments[1] : call.arguments[0];
  if (root === undefined) return undefined;
  const { node, computed } = walker.follow(root, first === "options" ? rest : path);
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return { line: line + 1, column: character + 1, computed };
}

// Read-only: it holds the compiler and the file, and answers queries on them.
class PathWalker {
  constructor(
    private readonly ts: typeof TypeScript,
    private readonly file: TypeScript.SourceFile,
  ) {}

  /** The `pipeline(...)` call of `export default`, `export =` or `module.exports =`. */
  defaultExportCall(): TypeScript.CallExpression | undefined {
    const { ts } = this;
    for (const statement of this.file.statements) {
      let exported: TypeScript.Expression | undefined;
      if (ts.isExportAssignment(statement)) exported = statement.expression;
      else if (
        ts.isExpressionStatement(statement) &&
        ts.isBinaryExpression(statement.expression) &&
        statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        statement.expression.left.getText(this.file) === "module.exports"
      )
        exported = statement.expression.right;
      if (exported === undefined) continue;
      const value = this.resolve(exported);
      if (ts.isCallExpression(value)) return value;
    }
    return undefined;
  }

  /** Follows `path` from `start` as far as the written literals go. */
  follow(
    start: TypeScript.Node,
    path: readonly PathSegment[],
  ): { node: TypeScript.Node; computed: boolean } {
    const { ts } = this;
    let node: TypeScript.Node = start;
    let computed = false;
    for (const segment of path) {
      const value = this.resolve(this.valueOf(node));
      const next = this.step(value, segment);
      if (next === undefined) return { node, computed: true };
      computed ||= next.computed;
      // A property is shown at its key; an array entry at the entry itself.
      node = next.node;
    }
    if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      return { node: node.name, computed };
    }
    return { node, computed };
  }

  private step(
    value: TypeScript.Expression,
    segment: PathSegment,
  ): { node: TypeScript.Node; computed: boolean } | undefined {
    const { ts } = this;
    if (ts.isObjectLiteralExpression(value) && typeof segment === "string") {
      // The last property of that name wins, as in JavaScript; a spread after it may override it.
      let opaque: TypeScript.Node | undefined;
      for (let index = value.properties.length - 1; index >= 0; index--) {
        const property = value.properties[index]!;
        if (ts.isSpreadAssignment(property)) {
          const spread = this.step(this.resolve(property.expression), segment);
          if (spread !== undefined) return { node: spread.node, computed: true };
          opaque ??= property;
          continue;
        }
        if (this.propertyName(property) === segment) return { node: property, computed: false };
      }
      // Not written here: most likely it came from a spread the walk cannot see into.
      return opaque === undefined ? undefined : { node: opaque, computed: true };
    }
    if (ts.isArrayLiteralExpression(value) && typeof segment === "number") {
      const spreads = value.elements.some((element, index) =>
        index <= segment ? ts.isSpreadElement(element) : false,
      );
      const element = value.elements[segment];
      if (spreads || element === undefined) return undefined;
      return { node: element, computed: false };
    }
    if (ts.isCallExpression(value)) {
      // A helper (`extend(base, { ... })`, `kaniko.build({ ... })`): the closest literal is the
      // last object argument that writes the key.
      for (let index = value.arguments.length - 1; index >= 0; index--) {
        const found = this.step(this.resolve(value.arguments[index]!), segment);
        if (found !== undefined) return { node: found.node, computed: true };
      }
    }
    return undefined;
  }

  /** The value a property or an entry holds. */
  private valueOf(node: TypeScript.Node): TypeScript.Expression {
    const { ts } = this;
    if (ts.isPropertyAssignment(node)) return node.initializer;
    if (ts.isShorthandPropertyAssignment(node)) return node.name;
    return node as TypeScript.Expression;
  }

  /** Follows what only names a value: parentheses, `as`, `satisfies`, `!`, a `const` of this file. */
  private resolve(expression: TypeScript.Expression): TypeScript.Expression {
    const { ts } = this;
    let current = expression;
    for (let hops = 0; hops < 32; hops++) {
      if (
        ts.isParenthesizedExpression(current) ||
        ts.isAsExpression(current) ||
        ts.isSatisfiesExpression(current) ||
        ts.isNonNullExpression(current) ||
        ts.isTypeAssertionExpression(current)
      ) {
        current = current.expression;
      } else if (ts.isIdentifier(current)) {
        const initializer = this.constInitializer(current.text);
        if (initializer === undefined) return current;
        current = initializer;
      } else {
        return current;
      }
    }
    return current;
  }

  /** The initializer of a top-level `const name = ...` of this file. */
  private constInitializer(name: string): TypeScript.Expression | undefined {
    const { ts } = this;
    for (const statement of this.file.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name) {
          return declaration.initializer;
        }
      }
    }
    return undefined;
  }

  private propertyName(property: TypeScript.ObjectLiteralElementLike): string | undefined {
    const { ts } = this;
    const name = property.name;
    if (name === undefined) return undefined;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
      return name.text;
    if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
    if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression))
      return name.expression.text;
    return undefined;
  }
}
