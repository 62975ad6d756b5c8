// Pins the names `@pipecraft/gitlab` exports at run time. Adding or removing one is a change to this list,
// reviewed as such, never a side effect of an edit elsewhere. (TypeScript types leave no runtime
// trace; they are listed in the entry file itself.)
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("@pipecraft/gitlab", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(api).sort()).toEqual([
      "gitlabTarget",
      "gitlabYamlTags",
      "parseGitlabYaml",
      "resolveLocalIncludes",
      "synthGitlab",
      "toGitlabDocuments",
    ]);
  });
});
