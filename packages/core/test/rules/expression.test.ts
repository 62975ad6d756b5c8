// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` in expressions is under test.
import { describe, expect, it } from "vitest";
import {
  type ExpressionValue,
  evaluateExpression,
  isPresent,
} from "../../src/rules/expression-evaluator.js";
import { parseExpression } from "../../src/rules/expression-parser.js";

const variables = {
  PRESENT: "my variable",
  EMPTY: "",
  BLANK: "  ",
  PATH: "a/path/to/value",
  FULL: "/a/full/path",
  MAIN: "main",
  PATTERN: "/^ab.*/",
  BAD_PATTERN: "/(?=ab)/",
  TEXT: "abcde",
  MULTI: "first\nsecond",
};

function value(expression: string): ExpressionValue {
  const parsed = parseExpression(expression);
  if ("error" in parsed) throw new Error(`${expression}: ${parsed.error.message}`);
  return evaluateExpression(parsed.ast, { variables }).value;
}

function syntaxError(expression: string): string {
  const parsed = parseExpression(expression);
  if (!("error" in parsed)) throw new Error(`${expression} parsed`);
  return `${parsed.error.message} @${parsed.error.column}`;
}

describe("rules:if values (GitLab's Ruby semantics)", () => {
  it.each<[string, ExpressionValue]>([
    // equality against strings, variables and null; unknown variables are null
    ['$PRESENT == "my variable"', true],
    ["$PRESENT == 'my variable'", true],
    ['"my variable" == $PRESENT', true],
    ["$PRESENT == null", false],
    ["$EMPTY == null", false],
    ['$EMPTY == ""', true],
    ["$UNDEFINED == null", true],
    ["null == $UNDEFINED", true],
    ["$UNDEFINED != null", false],
    ["$EMPTY != null", true],
    ["$MAIN == $MAIN", true],
    ["$MAIN != $PRESENT", true],
    ['"it\'s" == "it\'s"', true],
    ["'say \"hi\"' == 'say \"hi\"'", true],
    // bare variables and literals are their values
    ["$PRESENT", "my variable"],
    ["$EMPTY", ""],
    ["$UNDEFINED", null],
    ["${PRESENT}".replace("${PRESENT}", "$PRESENT"), "my variable"],
    ["true", true],
    ["null", null],
    // && and || return an operand; only null and false are falsy there (Ruby)
    ['$PRESENT && "string"', "string"],
    ["$PRESENT && $EMPTY", ""],
    ["$EMPTY && $PRESENT", "my variable"],
    ["$UNDEFINED && $PRESENT", null],
    ["$UNDEFINED || $PRESENT", "my variable"],
    ["$EMPTY || $PRESENT", ""],
    ["null || null", null],
    // precedence: comparisons, then &&, then ||; parentheses group
    ['$PRESENT && null || $EMPTY == ""', true],
    ['"string" == "test" || "string"', "string"],
    ['("string" || "test") == "string"', true],
    ['"string" == ("test" && "string")', true],
    ['"string" == ("test" || "string")', false],
    ['$UNDEFINED || $MAIN == "main" && $EMPTY == "x"', false],
    ['($UNDEFINED || $MAIN == "main") && $EMPTY == ""', true],
    ["((($MAIN)))", "main"],
    ['$MAIN == "main" == true', true],
    // regexps: anchors, flags i/m/s/U, escaped slashes
    ["$PRESENT =~ /var.*e$/", true],
    ["$PRESENT =~ /^var.*/", false],
    ["$PRESENT =~ /VAR.*/i", true],
    ["$PRESENT =~ /VAR.*/", false],
    ["$PATH =~ /path\\/to/", true],
    ["$FULL =~ /^\\/a\\/full\\/path$/", true],
    ["$MULTI =~ /^second$/", false],
    ["$MULTI =~ /^second$/m", true],
    ["$MULTI =~ /first.second/", false],
    ["$MULTI =~ /first.second/s", true],
    ["$PRESENT =~ /my.*?able/U", true],
    ["$PRESENT !~ /^var/", true],
    ["$PRESENT !~ /var/", false],
    // a null or empty left side is matched as ""; a null right side never matches
    ["$UNDEFINED =~ /var/", false],
    ["$UNDEFINED !~ /var/", true],
    ["$EMPTY =~ /^$/", true],
    ["$UNDEFINED =~ /^$/", true],
    ["$PRESENT =~ $UNDEFINED", false],
    ["$PRESENT !~ $UNDEFINED", true],
    // a variable (or string) holding /pattern/ is a pattern (GitLab 15.0+)
    ["$TEXT =~ $PATTERN", true],
    ['$TEXT =~ "/^AB/i"', true],
    ["$PRESENT =~ $PATTERN", false],
    // any other string right side: is the left side a substring of it?
    ['"23" =~ "1234"', true],
    ['$TEXT =~ "abcdef"', true],
    ['$TEXT =~ "abc"', false],
    ["$TEXT =~ $TEXT", true],
    // RE2-only syntax, translated
    ["$MAIN =~ /\\Amain\\z/", true],
    ["$MULTI =~ /\\Asecond/m", false],
    ["$MAIN =~ /^(?P<name>ma)in$/", true],
    ["$MAIN =~ /^[[:alpha:]]+$/", true],
    ["$PATH =~ /^[[:alpha:]]+$/", false],
    ["$MAIN =~ /(?i)^MAIN$/", true],
    ["$MAIN =~ /^\\Qma\\Ein$/", true],
    ["$MAIN =~ /^\\Qm.\\E/", false],
    ["$MAIN =~ /^\\pL+$/", true],
    ["$MAIN =~ /^\\p{Latin}+$/", true],
    ["$MAIN =~ /^\\x{6d}ain$/", true],
    ["$BLANK =~ /^\\s+$/", true],
    ["$MAIN =~ /^m\\-a\\_in$/", false],
  ])("%s → %j", (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  it("a variable holding an invalid pattern falls back to the substring test, with a problem", () => {
    const parsed = parseExpression("$TEXT =~ $BAD_PATTERN");
    if ("error" in parsed) throw new Error("parse");
    expect(evaluateExpression(parsed.ast, { variables })).toEqual({
      value: false,
      problems: [
        '"/(?=ab)/" is not a valid pattern (lookaround ((?=, (?!, (?<=, (?<!) is not supported by RE2 (GitLab\'s regexp engine)); GitLab then tests for a substring',
      ],
    });
  });

  it("$[[ inputs.NAME ]] reads the given inputs", () => {
    const parsed = parseExpression('$[[ inputs.cloud ]] == "aws"');
    if ("error" in parsed) throw new Error("parse");
    expect(evaluateExpression(parsed.ast, { variables, inputs: { cloud: "aws" } }).value).toBe(
      true,
    );
    expect(evaluateExpression(parsed.ast, { variables }).value).toBe(false);
  });
});

describe("isPresent: when a rules:if holds", () => {
  it.each<[ExpressionValue, boolean]>([
    ["x", true],
    ["", false],
    [" \t", false],
    [null, false],
    [false, false],
    [true, true],
    [/x/, true],
  ])("%j → %j", (input, expected) => {
    expect(isPresent(input)).toBe(expected);
  });
});

describe("rules:if syntax errors", () => {
  it.each([
    ["", "empty expression @0"],
    ["   ", "empty expression @0"],
    [
      "${CI_COMMIT_BRANCH} == 'main'",
      "${CI_COMMIT_BRANCH} is not expanded in rules:if; use $CI_COMMIT_BRANCH @0",
    ],
    ['$A = "x"', 'unexpected "=" @3'],
    ['$A == "x', 'unterminated string "x @6'],
    ["$A == main", 'unexpected "main" @6'],
    ["$A $B", "expected an operator (==, !=, =~, !~, && or ||) between two values @3"],
    ["$A ==", "expected a value after == @5"],
    ["== $A", "expected a value before == @0"],
    ["$A && || $B", "expected a value before || @6"],
    ["($A", "missing ) @3"],
    ["$A)", "unmatched ) @2"],
    ["()", "expected a value before ) @1"],
    ["(", "expected a value @1"],
    [
      "$A =~ /a/",
      'unreadable pattern at "/a/": write /pattern/flags with at least two characters between the slashes and flags among i, s, m, U @6',
    ],
    ["$A =~ /ab/g", 'unknown pattern flag "g" (GitLab knows i, s, m and U) @10'],
    [
      "$A =~ /(ab/",
      "invalid regular expression /(ab/: Invalid regular expression: /(ab/: Unterminated group @6",
    ],
    [
      "$A =~ /(?=ab)c/",
      "lookaround ((?=, (?!, (?<=, (?<!) is not supported by RE2 (GitLab's regexp engine) @6",
    ],
    [
      "$A =~ /(?<!ab)c/",
      "lookaround ((?=, (?!, (?<=, (?<!) is not supported by RE2 (GitLab's regexp engine) @6",
    ],
    ["$A =~ /(a)\\1/", "backreferences (\\1) are not supported by RE2 @6"],
    ["$A =~ /(?>ab)/", "an atomic group (?>…) is not supported by RE2 (GitLab's regexp engine) @6"],
    [
      "$A =~ /(?#x)ab/",
      "a comment group (?#…) is not supported by RE2 (GitLab's regexp engine) @6",
    ],
    [
      "$A =~ /(?P<n>a)(?P=n)/",
      "a named backreference (?P=name) is not supported by RE2 (GitLab's regexp engine) @6",
    ],
    [
      "$A =~ /a(?i)b/",
      "an inline flag group other than a leading (?flags) is not supported by RE2 (GitLab's regexp engine) @6",
    ],
    ["$A =~ /a*+b/", "possessive quantifiers (*+) are not supported by RE2 @6"],
    ["$A =~ /ab\\Z/", "\\Z is not supported by RE2 @6"],
    ["$A =~ /\\Gab/", "\\G is not supported by RE2 @6"],
    ["$A =~ /(?|a)b/", 'the group "(?|" is not supported by RE2 (GitLab\'s regexp engine) @6'],
    ["$A =~ /\\p-x/", "invalid regular expression /\\p-x/: \\p needs a class name @6"],
    ["$A =~ /a{1001}/", "a repeat count above 1000 is rejected by RE2 @6"],
    ["$A =~ /[[:nope:]]x/", "unknown POSIX class [:nope:] @6"],
    ["$A =~ /[[:^alpha:]]x/", "a negated POSIX class [:^alpha:] @6"],
    [Array.from({ length: 51 }, () => "$A").join(" && "), "more than 99 tokens @297"],
  ])("%j → %s", (expression, expected) => {
    expect(syntaxError(expression)).toBe(expected);
  });

  it("accepts 99 tokens", () => {
    const expression = Array.from({ length: 50 }, () => "$A").join(" && ");
    expect("ast" in parseExpression(expression)).toBe(true);
  });
});
