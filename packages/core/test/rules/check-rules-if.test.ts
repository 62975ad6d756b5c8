import { describe, expect, it } from "vitest";
import { diagnosticsOf } from "../validate/untyped-definition.js";

describe("validation: rules:if and only/except variables are parsed with GitLab's grammar", () => {
  it("reports each unparsable expression where it is written", () => {
    const input = {
      workflow: { rules: [{ if: "$CI_COMMIT_BRANCH = 'main'" }] },
      jobs: {
        a: { script: ["x"], rules: [{ if: '$A == "x" && ($B' }, { if: "$C =~ /(?!x)y/" }] },
        b: { script: ["x"], only: { variables: ['$A == "x"', "$B =="] } },
        c: { script: ["x"], except: { variables: ["$A =~ /x/"] } },
        ok: { script: ["x"], rules: [{ if: "($A || $B) && $C =~ /^v\\d+$/i" }] },
      },
    };
    expect(diagnosticsOf(input)).toEqual([
      [
        "workflow.rules[0].if",
        `invalid expression "$CI_COMMIT_BRANCH = 'main'": unexpected "=" (at column 19)`,
        "error",
      ],
      [
        "jobs.a.rules[0].if",
        'invalid expression "$A == \\"x\\" && ($B": missing ) (at column 17)',
        "error",
      ],
      [
        "jobs.a.rules[1].if",
        'invalid expression "$C =~ /(?!x)y/": lookaround ((?=, (?!, (?<=, (?<!) is not supported by RE2 (GitLab\'s regexp engine) (at column 7)',
        "error",
      ],
      [
        "jobs.b.only.variables[1]",
        'invalid expression "$B ==": expected a value after == (at column 6)',
        "error",
      ],
      [
        "jobs.c.except.variables[0]",
        'invalid expression "$A =~ /x/": unreadable pattern at "/x/": write /pattern/flags with at least two characters between the slashes and flags among i, s, m, U (at column 7)',
        "error",
      ],
    ]);
  });
});
