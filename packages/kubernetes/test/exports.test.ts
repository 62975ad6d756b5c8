// Pins the names `@pipecraft/kubernetes` exports at run time. Adding or removing one is a change to this list,
// reviewed as such, never a side effect of an edit elsewhere. (TypeScript types leave no runtime
// trace; they are listed in the entry file itself.)
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("@pipecraft/kubernetes", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(api).sort()).toEqual([
      "DEFAULT_KANIKO_DEBUG_IMAGE",
      "DEFAULT_KANIKO_IMAGE",
      "dnsLabel",
      "kaniko",
      "kanikoTarget",
      "kubernetesTarget",
      "synthKaniko",
      "synthKanikoFiles",
      "synthKubernetes",
      "synthKubernetesFiles",
      "toKanikoPods",
      "toKubernetesManifests",
    ]);
  });
});
