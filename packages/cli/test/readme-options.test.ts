// The README's commands and options against the CLI's own --help texts: every option a command's
// help lists is documented in the README, and every `pipecraft COMMAND … --option` the README
// writes is an option that command's help lists (so a renamed or removed option cannot linger).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CommandName, commandNames, isCommandName, usage } from "../src/usage.js";
import { repoRoot } from "./project.js";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

/** The `--options` a text names, each once, sorted. */
function optionsIn(text: string): string[] {
  return [...new Set(text.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [])].sort();
}

/** The options a command's help lists in its Options section (lines that start with one). */
function helpOptions(command: CommandName): string[] {
  const lines = usage(command).split("\n");
  const options = lines.filter((line) => /^\s+(-\w, )?--[a-z]/.test(line));
  return optionsIn(options.map((line) => line.trim().split(/\s{2,}/)[0]).join(" ")).filter(
    (option) => option !== "--help",
  );
}

/**
 * Each `pipecraft COMMAND …` the README writes, in code (a code span, or a line of a code block,
 * up to a `#` comment), with the options it passes.
 */
function readmeInvocations(): { command: string; options: string[]; text: string }[] {
  const pieces: string[] = [];
  for (const block of readme.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    pieces.push(...block[1]!.split("\n").map((line) => line.replace(/\s#.*$/, "")));
  }
  const prose = readme.replace(/```[a-z]*\n[\s\S]*?```/g, "");
  for (const span of prose.matchAll(/`([^`\n]+)`/g)) pieces.push(span[1]!);
  const found: { command: string; options: string[]; text: string }[] = [];
  for (const piece of pieces) {
    // A shell line may chain commands (`synth --check | git apply`): stop at the next one.
    for (const match of piece.matchAll(/\bpipecraft(?:@\S+)? ([a-z]+)([^|;&]*)/g)) {
      found.push({ command: match[1]!, options: optionsIn(match[2]!), text: match[0] });
    }
  }
  return found;
}

describe("the README and the --help texts", () => {
  it.each(commandNames.map((command) => [command]))(
    "every option of pipecraft %s --help is in the README",
    (command) => {
      const documented = new Set(optionsIn(readme));
      expect(helpOptions(command).filter((option) => !documented.has(option))).toEqual([]);
    },
  );

  it("every `pipecraft COMMAND --option` in the README is an option of that command", () => {
    const invocations = readmeInvocations();
    // Not vacuous: the README passes options to these commands in code.
    const withOptions = new Set(
      invocations.filter((i) => i.options.length > 0).map((i) => i.command),
    );
    for (const command of ["synth", "graph", "import", "run", "apply", "rbac"]) {
      expect(withOptions).toContain(command);
    }
    const stale = invocations.flatMap(({ command, options, text }) => {
      // Prose and package names (`pipecraft did not generate`, `-D pipecraft tsx`) are no command.
      if (!isCommandName(command)) return [];
      const known = new Set([...helpOptions(command), "--help"]);
      return options.filter((option) => !known.has(option)).map((option) => `${text}: ${option}`);
    });
    expect(stale).toEqual([]);
  });

  it("the README's command list (## The CLI) names every command, in the usage's order", () => {
    const start = readme.indexOf("## The CLI");
    const block = readme.slice(start, readme.indexOf("synth options:", start));
    const listed = [...block.matchAll(/^pipecraft ([a-z]+)/gm)].map((match) => match[1]);
    expect([...new Set(listed)].filter((name) => name !== "help")).toEqual([...commandNames]);
  });

  it("the README's synth options block lists exactly synth --help's options", () => {
    const start = readme.indexOf("synth options:\n");
    const block = readme.slice(start, readme.indexOf("```", start));
    const listed = optionsIn(
      block
        .split("\n")
        .filter((line) => /^\s+--/.test(line))
        .map((line) => line.trim().split(/\s{2,}/)[0])
        .join(" "),
    );
    expect(listed).toEqual(helpOptions("synth"));
  });
});
