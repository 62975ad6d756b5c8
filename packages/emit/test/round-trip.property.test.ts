import fc from "fast-check";
import { describe, it } from "vitest";
import { emitYaml, emitYamlDocuments, yamlTag } from "../src/index.js";
import { useAllReaders } from "./readers/all-readers.js";
import { expectSameValue } from "./same-value.js";

// The safety net for quoting. Committed runs are few so that the suite stays fast; before
// changing a quoting rule run e.g. EMIT_PROPERTY_RUNS=20000 npx vitest run packages/emit.
const numRuns = Number(process.env.EMIT_PROPERTY_RUNS ?? 200);

// Pieces that mean something to a YAML reader, so that random strings hit the quoting rules
// far more often than uniformly random code points would.
const FRAGMENTS = [
  ...[":", ": ", " ", "  ", "#", " #", "-", "- ", "--- ", "...", "?", "|", ">", "!", "&", "*"],
  ...["'", '"', "\\", "[", "]", "{", "}", ",", "%", "@", "`", "=", "<<", "~", "_", "."],
  ...["\n", "\n\n", "\t", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\ufeff", "\x00", "\x7f"],
  ...["0", "1", "9", "0x", "0o", "0b", "e", "E", "+", "inf", "nan", "NaN", ".inf", "12:30"],
  ...["2024-01-01", "T10:00:00Z", "on", "off", "yes", "no", "y", "n", "true", "null", "Null"],
  ...["a", "x", "npm ci", "$CI", "é", "日", "😀", "\u00a0", "\u200d", "\ufffe", "1 week", ","],
];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...FRAGMENTS), maxLength: 8 }) },
  // A few characters only, so that layouts (blank lines, leading spaces) come up often.
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(" ", "\n", "\t", "a", ":", "-") }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 12 }) },
);

const scalar = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(text, tie("value"), { maxKeys: 4 }),
    fc.array(text, { maxLength: 3 }).map((keys) => yamlTag("!reference", keys)),
  ),
}));

const { readers } = useAllReaders();

describe("emit → parse gives back the value", () => {
  it("for one document", async () => {
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        const yaml = emitYaml(v as never);
        for (const reader of readers)
          expectSameValue(await reader.readAll(yaml), [v], reader, yaml);
      }),
      { numRuns },
    );
  });

  it("for several documents with a header comment", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 3 }), async (vs) => {
        const yaml = emitYamlDocuments(vs as never[], { headerComment: ["generated", ""] });
        for (const reader of readers) expectSameValue(await reader.readAll(yaml), vs, reader, yaml);
      }),
      { numRuns: Math.ceil(numRuns / 4) },
    );
  });
});
