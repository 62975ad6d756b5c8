// The TypeScript expressions an import writes, as a small tree that the layout printer lays out
// the way biome (and prettier) would: a value is one line when it fits, else broken one entry a line.

/** A line comment (`//` text, without the slashes) kept from the YAML. */
export type Comments = readonly string[];

/** One expression of the generated file. */
export type TsExpression =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "null" }
  | { readonly kind: "identifier"; readonly name: string }
  | { readonly kind: "call"; readonly callee: string; readonly args: readonly TsExpression[] }
  | {
      readonly kind: "object";
      readonly entries: readonly ObjectEntry[];
      /** Comments after the last entry. */
      readonly trailing: Comments;
      /** Written broken even when it would fit (a job, the pipeline). */
      readonly expanded: boolean;
    }
  | {
      readonly kind: "array";
      readonly elements: readonly ArrayElement[];
      readonly trailing: Comments;
    };

/** A `key: value` or `...spread` entry of an object literal, with the comments before it. */
export type ObjectEntry =
  | {
      readonly kind: "property";
      readonly key: string;
      readonly value: TsExpression;
      readonly comments: Comments;
      /** A blank line before it in the YAML, kept where the object is broken anyway. */
      readonly blankBefore?: boolean;
    }
  | { readonly kind: "spread"; readonly value: TsExpression; readonly comments: Comments };

/** An element of an array literal, with the comments before it. */
export type ArrayElement = { readonly value: TsExpression; readonly comments: Comments };
