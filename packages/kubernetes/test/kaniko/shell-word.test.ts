// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is shell and CI syntax, not JavaScript
import { describe, expect, it } from "vitest";
import { kubernetesExpansion } from "../../src/kaniko/kubernetes-expansion.js";
import { shellWord } from "../../src/kaniko/shell-word.js";

describe("shellWord", () => {
  it.each([
    ["--cache=true", "--cache=true"],
    ["registry.example.com:5000/app@sha256:ab", "registry.example.com:5000/app@sha256:ab"],
    ["", '""'],
    ["a b", '"a b"'],
    ["--label=a b", '--label="a b"'],
    ['say "hi"', '"say \\"hi\\""'],
    ["C:\\dir\\", '"C:\\\\dir\\\\"'],
    ["`id`", '"\\`id\\`"'],
    ["$CI_REGISTRY_IMAGE:${TAG}", '"$CI_REGISTRY_IMAGE:${TAG}"'],
    ["it's", '"it\'s"'],
    ["*", '"*"'],
    ["~/x", '"~/x"'],
    ["-", "-"],
    ["=x y", '"=x y"'],
    ["x-$(touch pwned)", '"x-\\$(touch pwned)"'],
    ["$1 $$ $? ${A:-b} $", '"\\$1 \\$\\$ \\$? \\${A:-b} \\$"'],
    ["\\$(id) $A", '"\\\\\\$(id) $A"'],
  ])("%j → %s", (value, word) => {
    expect(shellWord(value)).toBe(word);
  });
});

describe("kubernetesExpansion", () => {
  it.each([
    ["$CI_REGISTRY_IMAGE:${CI_COMMIT_SHORT_SHA}", "$(CI_REGISTRY_IMAGE):$(CI_COMMIT_SHORT_SHA)"],
    ["no references", "no references"],
    ["$5 and $", "$$5 and $$"],
    ["$(literal)", "$$(literal)"],
    ["$$", "$$$$"],
    ["${unclosed", "$${unclosed"],
    ["$A$B_1", "$(A)$(B_1)"],
  ])("%j → %j", (value, expanded) => {
    expect(kubernetesExpansion(value)).toBe(expanded);
  });
});
