import { describe, expect, it } from "vitest";
import { describeValue } from "../../src/diagnostics/describe-value.js";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { escapeControlCharacters } from "../../src/diagnostics/escape-control-characters.js";
import { formatPath } from "../../src/diagnostics/path.js";
import { validatePipeline } from "../../src/validate/validate-pipeline.js";
import { untypedDefinition } from "../validate/untyped-definition.js";

// Anything a terminal acts on: C0, DEL, C1, line/paragraph separators, bidi controls.
function terminalControls(text: string): string[] {
  return [...text].filter((character) => {
    const code = character.codePointAt(0) ?? 0;
    return (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      [0x61c, 0x200e, 0x200f].includes(code) ||
      (code >= 0x2028 && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069)
    );
  });
}

describe("escapeControlCharacters", () => {
  it.each([
    ["a\u001b[2Jb", "a\\u001b[2Jb"],
    ["line\nnext\r\ttab", "line\\nnext\\r\\ttab"],
    ["del\u007f csi\u009b", "del\\u007f csi\\u009b"],
    ["sep\u2028\u2029", "sep\\u2028\\u2029"],
    ["rtl\u202eevil\u2066", "rtl\\u202eevil\\u2066"],
    ["Grüße, 東京, emoji 😀", "Grüße, 東京, emoji 😀"],
  ])("%j → %s", (text, escaped) => {
    expect(escapeControlCharacters(text)).toBe(escaped);
  });
});

describe("messages with control characters from the user's values", () => {
  it("describeValue and formatPath escape what JSON.stringify leaves (DEL, C1, U+2028, bidi)", () => {
    expect(describeValue("a\u009b31mb\u202e")).toBe('"a\\u009b31mb\\u202e"');
    expect(formatPath(["jobs", "x\u007f\u2028"])).toBe('jobs["x\\u007f\\u2028"]');
  });

  it("formatDiagnostic escapes a message however a check wrote it", () => {
    expect(
      formatDiagnostic({
        code: "schema/invalid-value",
        path: "jobs.a",
        message: "raw \u001b[31mred\r",
        severity: "error",
      }),
    ).toBe("jobs.a: raw \\u001b[31mred\\r");
  });

  it("no diagnostic of a hostile pipeline puts a control character on the terminal", () => {
    const hostile = "b\u001b[2J\u009b1m\u2028\u202e\u0007";
    const input = {
      stages: [hostile, hostile],
      jobs: {
        [hostile]: { script: ["true"], stage: hostile, needs: [`${hostile}x`] },
        a: { script: ["true"], when: hostile, extends: hostile.toUpperCase() },
      },
    };
    const lines = validatePipeline(untypedDefinition(input)).diagnostics.map((d) =>
      formatDiagnostic(d, "pipeline.ts"),
    );
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(terminalControls(line)).toEqual([]);
    expect(lines.join("\n")).toContain("\\u001b[2J\\u009b1m\\u2028\\u202e\\u0007");
  });
});
