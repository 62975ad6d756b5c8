// Pins the names `@pipecraft/import` exports at run time. Adding or removing one is a change to
// this list, reviewed as such. (Types leave no runtime trace; they are listed in the entry file.)
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("@pipecraft/import", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(api).sort()).toEqual(["importGitlabYaml"]);
  });
});
