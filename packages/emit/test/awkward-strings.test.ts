import { describe, expect, it } from "vitest";
import { emitYaml, yamlTag } from "../src/index.js";
import { useAllReaders } from "./readers/all-readers.js";
import { jsYamlReader } from "./readers/js-yaml-reader.js";
import { pyyamlAvailable } from "./readers/pyyaml-reader.js";
import { yamlPackageReaders } from "./readers/yaml-package-reader.js";

// Strings that some YAML reader, 1.1 or 1.2, would turn into something else if written plain.
const AWKWARD_BY_KIND: Record<string, string[]> = {
  booleans: ["on", "off", "On", "OFF", "yes", "no", "Yes", "NO", "y", "n", "Y", "N", "true"],
  "more booleans and nulls": ["True", "TRUE", "false", "False", "null", "Null", "NULL", "~", ""],
  numbers: ["0", "-1", "+1", "0123", "0x1F", "0o7", "0b101", "1e3", "1E3", "1_000", "1,000"],
  "more numbers": [".5", "5.", "-.5", "1.2.3", "1 2", ".inf", "-.inf", "+.INF", ".NaN", "-.NaN"],
  "times and dates": [
    "12:30",
    "-12:30:15",
    "190:20:30.15",
    "2024-01-01",
    "2001-12-14 21:59:43.10 -5",
  ],
  "number-like strings": ["2001-12-14t21:59:43.10-05:00", "1 week", "22-alpine", "0x1G", ".nan"],
  "1.1 floats without digits": [".", "..", "._", "-.", "+.", ".e1", "e1", "E5", "-e+1", "._1", "+"],
  "1.1 keys": ["=", "<<"],
  indicators: ["*", "*a", "&a", "!x", "!!str", "a: b", "a:", ":a", "#x", "a #b", "a#b", "- x"],
  "more indicators": ["-", "--", "---", "...", "? x", "?", "|", "|-", ">", ">-", "%x", "@x"],
  quotes: ["`x`", "'q'", '"q"', "it's", "a'b\"c", "%YAML 1.2"],
  "spaces and flow characters": [" lead", "trail ", " ", "  both  ", "a  b", ",a", "[a]", "{a}"],
  "more flow characters": ["a,b", "a, b", "[", "]", "{", "}"],
  tabs: ["a\tb", "\t", "\ta", "a\t", "tab\tin\tmiddle"],
  controls: ["\x00", "\x07", "\x1b[31mred", "\x7f", "\x80", "\x85", "a\x85b", "\x9f"],
  "unicode spaces and breaks": ["\u00a0", "a\u00a0", "\u2028", "a\u2028b", "\u2029", "\u200d"],
  "BOM and non-characters": ["\ufeff", "\ufeffa", "a\ufeff", "\ufffe", "\uffff"],
  "line breaks": [
    "\r",
    "a\rb",
    "a\r\nb",
    "\n",
    "\n\n",
    "a\n",
    "a\n\n",
    "a\n\n\n",
    "\na",
    "\n\na\n",
  ],
  "indented lines": [" a\nb", "  a\n  b\n", "a\n b", "a\n\tb", "\ta\nb", "a\n   \nb", "a\n  "],
  "blank lines": [
    " a\n ",
    "  a\nb\n  \n",
    "  \n\n",
    " \n",
    "  \n  \n",
    " \t\n",
    "a\n  \n",
    "   \na",
    "a \nb ",
    "x\n\u2028y",
  ],
  "YAML in scripts": ["#!/bin/sh\nset -e\n", "--- \n...\n", "- a\n- b", "a: b\nc: d"],
  "GitLab rules": ['$CI_COMMIT_BRANCH == "main"', "$CI_PIPELINE_SOURCE == 'merge_request_event'"],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: GitLab variables, not JS templates
  "GitLab values": ["node:22-alpine", "dist/", "npm ci", "${CI_REGISTRY}/app:${CI_COMMIT_SHA}"],
  "other values": ["a=b", "C:\\x", "https://example.com/a?b=c#d", 'echo "it\'s" | tee x.log'],
  "home and non-ASCII": ["~/.npm", "~x", "é", "日本語", "😀"],
};
const AWKWARD = Object.values(AWKWARD_BY_KIND).flat();

const { readers, pyyamlReaders } = useAllReaders();

async function expectRoundTrip(value: Record<string, unknown>): Promise<void> {
  const text = emitYaml(value as never);
  for (const reader of readers) {
    const docs = await reader
      .readAll(text)
      .catch((e: Error) => [`${reader.name} failed: ${e.message}\n${text}`]);
    expect(docs, `${reader.name} reading:\n${text}`).toEqual([value]);
  }
}

describe("awkward strings read back unchanged", () => {
  it.each(AWKWARD.map((s) => [JSON.stringify(s), s]))("%s", async (_, s) => {
    await expectRoundTrip({
      value: s,
      [s]: "as a key",
      list: [s, [s], { [s]: s }],
      nested: { deeper: { value: s } },
      reference: yamlTag("!reference", [s, s]),
    });
  });

  it("all of them in one document", async () => {
    await expectRoundTrip({ list: AWKWARD, map: Object.fromEntries(AWKWARD.map((s) => [s, s])) });
  });
});

// The round trips above only prove something if the readers really resolve these patterns.
describe("the readers are strict enough to catch mistakes", () => {
  it("js-yaml reads timestamps, numbers and null words plain", async () => {
    const [doc] = await jsYamlReader.readAll("a: 2024-01-01\nb: 0x1F\nc: ~\nd: .inf\n");
    expect(doc).toEqual({ a: new Date("2024-01-01"), b: 31, c: null, d: Infinity });
  });

  it("the yaml package reads 1.1's extra booleans, octals and sexagesimals only in 1.1", async () => {
    const text = "a: y\nb: 010\nc: 12:30\nd: 2024-01-01\n";
    const [v11, v12] = yamlPackageReaders;
    expect(await v11!.readAll(text)).toEqual([
      { a: true, b: 8, c: 750, d: new Date("2024-01-01") },
    ]);
    expect(await v12!.readAll(text)).toEqual([{ a: "y", b: 10, c: "12:30", d: "2024-01-01" }]);
  });

  it.runIf(pyyamlAvailable())(
    "PyYAML reads YAML 1.1 booleans, sexagesimals and versions",
    async () => {
      for (const reader of pyyamlReaders()) {
        const [doc] = await reader.readAll("a: on\nb: 'on'\nc: 12:30\nd: 1.2.3\ne: 1_000\n");
        // 1.2.3 is a string in PyYAML, though YAML 1.1's own float pattern calls it a number.
        expect(doc, reader.name).toEqual({ a: true, b: "on", c: 750, d: "1.2.3", e: 1000 });
        // U+2028 ends a line in YAML 1.1, so an unescaped one splits a scalar.
        await expect(reader.readAll("a: b\u2028c: d\n")).resolves.toEqual([{ a: "b", c: "d" }]);
      }
    },
  );
});
