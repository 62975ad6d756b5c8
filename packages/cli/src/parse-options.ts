import { parseArgs } from "node:util";
import { UsageError } from "./user-error.js";

/**
 * The options one command accepts: `--name <value>` (string) or `--name` (boolean). A string
 * option with `multiple: true` may be given any number of times (`--var A=1 --var B=2`).
 */
export type OptionSpec = Record<
  string,
  { type: "string" | "boolean"; short?: string; multiple?: boolean }
>;

/**
 * Parsed values: a string or undefined for string options, every value in order for repeatable
 * ones, a boolean for boolean options.
 */
export type ParsedOptions<Spec extends OptionSpec> = {
  [Name in keyof Spec]: Spec[Name]["type"] extends "string"
    ? Spec[Name]["multiple"] extends true
      ? string[]
      : string | undefined
    : boolean;
};

/**
 * Parses a command's arguments strictly (no positionals, each option at most once unless
 * `multiple`). Node's
 * `util.parseArgs` only tokenizes here; the checks are ours so that every usage error has an
 * exact, documented message rather than Node's wording, which changes between versions.
 */
export function parseOptions<Spec extends OptionSpec>(
  command: string | undefined,
  args: readonly string[],
  spec: Spec,
): ParsedOptions<Spec> {
  const { tokens } = parseArgs({
    args: [...args],
    options: spec,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | string[] | boolean | undefined> = {};
  for (const name of Object.keys(spec)) {
    const option = spec[name];
    values[name] = option?.type === "boolean" ? false : option?.multiple ? [] : undefined;
  }
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind === "option-terminator") {
      continue;
    }
    if (token.kind === "positional") {
      throw new UsageError(
        `unexpected argument "${token.value}"${positionalHint(token.value, spec)}`,
        command,
      );
    }
    const option = Object.hasOwn(spec, token.name) ? spec[token.name] : undefined;
    if (option === undefined) {
      // Compared as written, dashes included, so that the suggestion reads `"--out"`.
      const misspelling = token.rawName.startsWith("--")
        ? { name: token.rawName, candidates: Object.keys(spec).map((name) => `--${name}`) }
        : undefined;
      throw new UsageError(`unknown option ${token.rawName}`, command, misspelling);
    }
    if (seen.has(token.name) && option.multiple !== true) {
      throw new UsageError(`option --${token.name} given more than once`, command);
    }
    seen.add(token.name);
    if (option.type === "boolean") {
      if (token.value !== undefined) {
        throw new UsageError(`option --${token.name} does not take a value`, command);
      }
      values[token.name] = true;
      continue;
    }
    // parseArgs (non-strict) takes the next argument as the value even when it is another
    // option, so `--app --stdout` would read a file named "--stdout"; `--app=-x` still works,
    // and so does a lone `-` (stdout, for `--out -`).
    const value = token.value;
    const looksLikeOption = value?.startsWith("-") === true && value !== "-";
    if (value === undefined || value === "" || (!token.inlineValue && looksLikeOption)) {
      throw new UsageError(`option --${token.name} needs a value`, command);
    }
    const earlier = values[token.name];
    values[token.name] = Array.isArray(earlier) ? [...earlier, value] : value;
  }
  return values as ParsedOptions<Spec>;
}

function positionalHint(value: string, spec: OptionSpec): string {
  // A bare file name most likely meant the pipeline file.
  return Object.hasOwn(spec, "app") && /\.[cm]?[jt]s$/.test(value)
    ? `; to choose the pipeline file, use --app ${value}`
    : "";
}

/**
 * Takes the positional arguments (`pipecraft cancel RUN`) out of `args`, leaving the options
 * (and their values) for parseOptions. `--` ends the options: what follows is positional.
 */
export function splitPositionals(
  args: readonly string[],
  spec: OptionSpec,
): { positionals: string[]; options: string[] } {
  const positionals: string[] = [];
  const options: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    options.push(arg);
    const name = arg.replace(/^--?/, "");
    const option = arg.startsWith("--")
      ? spec[name]
      : Object.values(spec).find((candidate) => candidate.short === name);
    const next = args[i + 1];
    if (option?.type === "string" && !arg.includes("=") && next !== undefined) {
      options.push(next);
      i++;
    }
  }
  return { positionals, options };
}
