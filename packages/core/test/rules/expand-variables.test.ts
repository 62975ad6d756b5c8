// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${NAME}` is GitLab's syntax under test.
import { describe, expect, it } from "vitest";
import { expandVariables } from "../../src/rules/expand-variables.js";

describe("expandVariables", () => {
  const variables = { DIR: "src", EMPTY: "" };
  it("replaces $NAME, ${NAME} and %NAME%; keeps or drops unknown ones", () => {
    expect(expandVariables("$DIR/${DIR}/%DIR%/$EMPTY/$NOPE", variables, true)).toBe(
      "src/src/src//$NOPE",
    );
    expect(expandVariables("$DIR-$NOPE", variables, false)).toBe("src-");
    expect(expandVariables("$$DIR", variables, false)).toBe("$$DIR");
  });
});
