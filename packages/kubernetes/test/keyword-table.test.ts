import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KEYWORD_SUPPORT } from "../src/keyword-support.js";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");

/** The README's keyword table, rendered from the one source the target's warnings come from. */
function keywordTable(): string {
  const rows = Object.entries(KEYWORD_SUPPORT).map(
    ([keyword, { treatment, kubernetes }]) => `| \`${keyword}\` | ${treatment} | ${kubernetes} |`,
  );
  return ["| keyword | treatment | on Kubernetes |", "|---|---|---|", ...rows].join("\n");
}

describe("the README's Kubernetes keyword table", () => {
  it("is exactly what the target does (KEYWORD_SUPPORT)", () => {
    // To update: print keywordTable() and paste it over the table in README.md.
    expect(readme).toContain(keywordTable());
  });
});
