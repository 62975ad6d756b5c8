// `.gitlab-ci.yml` → `pipeline.ts`: the file's top-level keys in their order, its jobs under
// `jobs` in their order, anchors and hidden templates as named consts, comments where they were.
import { topLevelKeywords } from "@pipecraft/core";
import { jobObjectSchema } from "@pipecraft/core/schema";
import { Project } from "ts-morph";
import { type Document, isMap, isPair, isScalar, type Node, type YAMLMap } from "yaml";
import { ConstNames } from "./const-names.js";
import { type ImportDiagnostic, ImportProblem } from "./import-problem.js";
import { includedNames } from "./included-names.js";
import { type Layout, printExpression, printImport } from "./print-expression.js";
import { readYaml } from "./read-yaml.js";
import type { Comments, ObjectEntry, TsExpression } from "./ts-expression.js";
import {
  type ConstDeclaration,
  type Conversion,
  commentLines,
  declareConst,
  keyOf,
  placeOf,
  resolveAliases,
  toExpression,
} from "./yaml-to-expression.js";

/** Options of `importGitlabYaml`. */
export type ImportOptions = {
  /** The YAML file's name, for messages and the generated file's header (`.gitlab-ci.yml`). */
  readonly fileName?: string;
  /**
   * `hidden` (the default): `extends` and hidden templates kept as GitLab's. `functions`: a job
   * that extends templates of the file becomes `extend(template, …, { job })`, merged when the
   * pipeline is defined, and the templates leave `jobs` unless a `!reference` reads them.
   */
  readonly style?: "hidden" | "functions";
  /** The formatter's line width the output is laid out for (80, biome's and prettier's default). */
  readonly lineWidth?: number;
};

/** A file the import writes, relative to the folder of the YAML file. */
export type ImportedFile = { readonly path: string; readonly text: string };

/** What `importGitlabYaml` gives: the files (none when an error stopped it) and every diagnostic. */
export type ImportResult = {
  readonly files: readonly ImportedFile[];
  readonly diagnostics: readonly ImportDiagnostic[];
};

// `spec` is a keyword of the header document only; in the main document it is a job.
const KEYWORDS: ReadonlySet<string> = new Set<string>(topLevelKeywords.filter((k) => k !== "spec"));
const JOB_KEYWORDS: ReadonlySet<string> = new Set(Object.keys(jobObjectSchema.shape));
const IMPORTED = ["extend", "included", "pipeline", "reference", "JobTemplate", "PipelineJob"];

/**
 * The `pipeline.ts` a person would write for a `.gitlab-ci.yml` text: pure, no file system.
 * Diagnostics are placed at a line of the YAML; an error means nothing could be written.
 * @example importGitlabYaml(readFileSync(".gitlab-ci.yml", "utf8")).files[0]?.text
 */
export function importGitlabYaml(text: string, options: ImportOptions = {}): ImportResult {
  const diagnostics: ImportDiagnostic[] = [];
  try {
    const file = pipelineFile(text, options, diagnostics);
    return { files: [{ path: "pipeline.ts", text: file }], diagnostics };
  } catch (problem) {
    if (!(problem instanceof ImportProblem)) throw problem;
    diagnostics.push({
      code: problem.code,
      severity: "error",
      message: problem.message,
      line: problem.place.line,
      column: problem.place.column,
    });
    return { files: [], diagnostics };
  }
}

function pipelineFile(text: string, options: ImportOptions, diagnostics: ImportDiagnostic[]) {
  const { documents, lines } = readYaml(text);
  if (documents.length > 2) {
    throw new ImportProblem(
      "import/unsupported-yaml",
      placeOf({ lines } as Conversion, documents[2]!.contents),
      `${documents.length} YAML documents; GitLab reads a spec header and one more`,
    );
  }
  const [header, body] = documents.length === 2 ? documents : [undefined, documents[0]];
  const main = body ?? header!;
  const conversion: Conversion = {
    document: main,
    lines,
    names: new ConstNames(IMPORTED),
    jobKeywords: JOB_KEYWORDS,
    consts: [],
    constOf: new Map(),
    ...aliasesOf(main),
    diagnostics,
    usesReference: false,
    usesIncluded: false,
    usesExtend: false,
  };
  const entries: ObjectEntry[] = [];
  if (header !== undefined) entries.push(...headerEntries(conversion, header));
  const { entries: mainEntries, hidden } =
    options.style === "functions"
      ? withExtendCalls(conversion, mainEntriesOf(conversion, main))
      : mainEntriesOf(conversion, main);
  entries.push(...mainEntries);
  const input: TsExpression = { kind: "object", entries, trailing: [], expanded: true };
  const args: TsExpression[] = [input];
  if (hidden) {
    args.push({
      kind: "object",
      entries: [
        {
          kind: "property",
          key: "templates",
          value: { kind: "string", value: "hidden" },
          comments: [],
        },
      ],
      trailing: [],
      expanded: false,
    });
  }
  const layout: Layout = { lineWidth: options.lineWidth ?? 80, indentWidth: 2 };
  return writeSourceFile(
    conversion,
    { kind: "call", callee: "pipeline", args },
    layout,
    [...commentLines(main.commentBefore)],
    commentLines(main.comment),
  );
}

function aliasesOf(document: Document) {
  const { targets, aliased } = resolveAliases(document);
  return { aliasTargets: targets, aliased };
}

// The header document: `spec` only (inputs), as GitLab's loader allows.
function headerEntries(conversion: Conversion, header: Document): ObjectEntry[] {
  const contents = header.contents;
  if (!isMap(contents)) {
    throw new ImportProblem(
      "import/unsupported-yaml",
      placeOf(conversion, contents),
      "the first of two documents is not a mapping",
    );
  }
  const headerConversion = { ...conversion, document: header, ...aliasesOf(header) };
  return contents.items.filter(isPair).map((pair) => {
    const key = keyOf(headerConversion, pair);
    if (key !== "spec") {
      throw new ImportProblem(
        "import/unsupported-yaml",
        placeOf(conversion, pair.key as Node),
        `the first of two documents may only hold spec, not ${key}`,
      );
    }
    return {
      kind: "property",
      key,
      value: toExpression(headerConversion, pair.value, "value"),
      comments: [
        ...commentLines(header.commentBefore),
        ...commentLines((pair.key as Node).commentBefore),
      ],
    };
  });
}

// The main document: keywords in their order, `jobs` where the first job was, each job in order.
// Hidden templates that are mappings become consts. `hidden` tells whether the pipeline needs
// `templates: "hidden"` to come out as written.
function mainEntriesOf(conversion: Conversion, document: Document) {
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    throw new ImportProblem(
      "import/unsupported-yaml",
      placeOf(conversion, contents),
      "the document is not a mapping of keywords and jobs",
    );
  }
  const entries: ObjectEntry[] = [];
  const jobs: ObjectEntry[] = [];
  const seen = new Map<string, number>();
  let jobsAt = -1;
  let hidden = false;
  for (const pair of (contents as YAMLMap | null)?.items ?? []) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node;
    const key = keyOf(conversion, pair);
    const comments: Comments = [
      ...commentLines(keyNode.commentBefore),
      ...commentLines((pair.value as Node | null)?.commentBefore),
      ...(isScalar(pair.value) ? commentLines((pair.value as Node).comment) : []),
    ];
    if (KEYWORDS.has(key)) {
      entries.push({
        kind: "property",
        key,
        value: toExpression(conversion, pair.value, "value"),
        comments,
        blankBefore: keyNode.spaceBefore === true,
      });
      continue;
    }
    if (jobsAt < 0) {
      jobsAt = entries.length;
      entries.push({ kind: "property", key: "jobs", value: { kind: "null" }, comments: [] });
    }
    const valueNode = pair.value as Node | null;
    hidden ||= key.startsWith(".") || jobNeedsHiddenMode(pair.value);
    const value =
      key.startsWith(".") &&
      isMap(valueNode) &&
      !conversion.constOf.has(valueNode) &&
      !(valueNode.anchor && conversion.aliased.has(valueNode))
        ? declareConst(conversion, valueNode, key, "job", [])
        : toExpression(conversion, pair.value, "job");
    const entry: ObjectEntry = {
      kind: "property",
      key,
      value,
      comments,
      blankBefore: keyNode.spaceBefore === true && jobs.length > 0,
    };
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      conversion.diagnostics.push({
        code: "import/duplicate-key",
        severity: "warning",
        message: `job "${key}" is repeated; the last one wins, as in GitLab`,
        ...placeOf(conversion, keyNode),
      });
      jobs[earlier] = entry;
    } else {
      seen.set(key, jobs.length);
      jobs.push(entry);
    }
  }
  declareIncluded(conversion, document, entries);
  if (jobsAt < 0)
    entries.push({
      kind: "property",
      key: "jobs",
      value: { kind: "object", entries: [], trailing: [], expanded: false },
      comments: [],
    });
  else
    entries[jobsAt] = {
      kind: "property",
      key: "jobs",
      value: { kind: "object", entries: jobs, trailing: [], expanded: true },
      comments: [],
      blankBefore: jobsAt > 0,
    };
  hidden ||= conversion.usesReference;
  return { entries, hidden };
}

// `--style functions`: jobs and templates whose `extends` names only templates of the file
// declared before them become `extend(base, …, { job })`. The pipeline is expanded (the
// default), as GitLab expands it; templates used that way leave `jobs` (their consts hold them).
function withExtendCalls(
  conversion: Conversion,
  main: { entries: ObjectEntry[]; hidden: boolean },
): { entries: ObjectEntry[]; hidden: boolean } {
  const at = main.entries.findIndex((e) => e.kind === "property" && e.key === "jobs");
  const jobsEntry = main.entries[at] as Extract<ObjectEntry, { kind: "property" }>;
  if (jobsEntry.value.kind !== "object") return main;
  const templates = new Map<string, string>();
  const used = new Set<string>();
  let extendsLeft = false;
  const jobs = jobsEntry.value.entries.map((entry) => {
    if (entry.kind !== "property") return entry;
    const constIndex =
      entry.value.kind === "identifier" && entry.key.startsWith(".")
        ? conversion.consts.findIndex((c) => c.name === (entry.value as { name: string }).name)
        : -1;
    const declaration = constIndex >= 0 ? conversion.consts[constIndex] : undefined;
    const body = declaration?.value ?? entry.value;
    const call = extendCall(body, templates, used);
    if (call === undefined) {
      extendsLeft ||= body.kind === "object" && body.entries.some(isExtendsEntry);
    } else {
      conversion.usesExtend = true;
      if (declaration !== undefined) {
        conversion.consts[constIndex] = { ...declaration, value: call, kind: "scalar" };
      }
    }
    if (declaration !== undefined && body.kind === "object") {
      templates.set(entry.key, declaration.name);
    }
    return declaration === undefined && call !== undefined ? { ...entry, value: call } : entry;
  });
  const withoutTemplates = jobs.filter(
    (entry) => !(entry.kind === "property" && used.has(entry.key)),
  );
  // Templates stay where something still reads them, or where they are all the file holds (a
  // library of templates).
  const keepTemplates =
    extendsLeft ||
    conversion.usesReference ||
    !withoutTemplates.some((entry) => entry.kind === "property" && !entry.key.startsWith("."));
  const entries = [...main.entries];
  entries[at] = {
    ...jobsEntry,
    value: { ...jobsEntry.value, entries: keepTemplates ? jobs : withoutTemplates },
  };
  return { entries, hidden: false };
}

function isExtendsEntry(entry: ObjectEntry): boolean {
  return entry.kind === "property" && entry.key === "extends";
}

// `extend(a, b, { …job })` for a job whose `extends` names only known templates, else undefined.
function extendCall(
  body: TsExpression,
  templates: ReadonlyMap<string, string>,
  used: Set<string>,
): TsExpression | undefined {
  if (body.kind !== "object") return undefined;
  const extendsEntry = body.entries.find(isExtendsEntry);
  if (extendsEntry === undefined) return undefined;
  const value = extendsEntry.value;
  const names =
    value.kind === "string"
      ? [value.value]
      : value.kind === "array" && value.elements.every((e) => e.value.kind === "string")
        ? value.elements.map((e) => (e.value as { value: string }).value)
        : [];
  const bases = names.map((name) => templates.get(name));
  if (names.length === 0 || bases.some((base) => base === undefined)) return undefined;
  for (const name of names) used.add(name);
  const rest: TsExpression = { ...body, entries: body.entries.filter((e) => !isExtendsEntry(e)) };
  return {
    kind: "call",
    callee: "extend",
    args: [...bases.map((name): TsExpression => ({ kind: "identifier", name: name! })), rest],
  };
}

// `include` entries provide what the file's jobs extend or need and it does not define itself:
// the first entry declares them with `included()`, so that the file type-checks. (Which entry
// provides which name is not known without fetching them.)
function declareIncluded(conversion: Conversion, document: Document, entries: ObjectEntry[]) {
  const at = entries.findIndex((entry) => entry.kind === "property" && entry.key === "include");
  if (at < 0) return;
  const body = document.toJS({ maxAliasCount: -1 }) as Record<string, unknown>;
  const { jobs, templates } = includedNames(body);
  if (jobs.length === 0 && templates.length === 0) return;
  const list = (names: string[]): TsExpression => ({
    kind: "array",
    elements: names.map((value) => ({ value: { kind: "string", value }, comments: [] })),
    trailing: [],
  });
  const provides: TsExpression = {
    kind: "object",
    entries: [
      ...(jobs.length > 0
        ? [{ kind: "property" as const, key: "jobs", value: list(jobs), comments: [] }]
        : []),
      ...(templates.length > 0
        ? [{ kind: "property" as const, key: "templates", value: list(templates), comments: [] }]
        : []),
    ],
    trailing: [],
    expanded: false,
  };
  const entry = entries[at] as Extract<ObjectEntry, { kind: "property" }>;
  const wrap = (value: TsExpression): TsExpression => ({
    kind: "call",
    callee: "included",
    args: [value, provides],
  });
  const value = entry.value;
  const [first, ...rest] = value.kind === "array" ? value.elements : [];
  entries[at] = {
    ...entry,
    value:
      value.kind === "array" && first !== undefined
        ? { ...value, elements: [{ ...first, value: wrap(first.value) }, ...rest] }
        : wrap(value),
  };
  conversion.usesIncluded = true;
}

// `extends`, a `null` keyword or a `!reference` come out as written only with hidden templates
// kept (the default expands them).
function jobNeedsHiddenMode(value: unknown): boolean {
  if (!isMap(value)) return false;
  return value.items.some(
    (pair) =>
      isPair(pair) &&
      ((isScalar(pair.key) && pair.key.value === "extends") ||
        pair.value === null ||
        (isScalar(pair.value) && pair.value.value === null)),
  );
}

function writeSourceFile(
  conversion: Conversion,
  pipelineCall: TsExpression,
  layout: Layout,
  header: Comments,
  footer: Comments,
): string {
  const values = [
    ...(conversion.usesExtend ? ["extend"] : []),
    ...(conversion.usesIncluded ? ["included"] : []),
    "pipeline",
    ...(conversion.usesReference ? ["reference"] : []),
  ];
  const types = new Set(
    conversion.consts.flatMap((c) =>
      c.kind === "template" ? ["JobTemplate"] : c.kind === "job" ? ["PipelineJob"] : [],
    ),
  );
  const names = [
    ...values.map((name) => ({ name, isType: false })),
    ...[...types].map((name) => ({ name, isType: true })),
  ];
  const importText = printImport(names, "pipecraft", layout);
  // Shell variables (`${HOME}`) are common in scripts; in a plain string they are not template
  // placeholders, which biome's noTemplateCurlyInString would otherwise suspect.
  const ignore = usesCurlyVariables(conversion, pipelineCall)
    ? "// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell variables, not placeholders\n\n"
    : "";
  const headerText = header.length > 0 ? `${header.map((line) => `//${line}`).join("\n")}\n\n` : "";
  const head = `${ignore}${headerText}${importText}`;
  // The statements are laid out already (ts-morph's writer would indent the lines of a
  // multi-line expression once more than the formatter does, and formatText does not lay out
  // as biome does); ts-morph parses the whole file once, as the check that it is TypeScript.
  const statements = conversion.consts.map((declaration) => {
    const comments = declaration.comments.map((line) => `//${line}\n`).join("");
    return `${comments}const ${declaration.name} = ${constInitializer(declaration, layout)};`;
  });
  const footerText = footer.length > 0 ? `\n\n${footer.map((line) => `//${line}`).join("\n")}` : "";
  statements.push(
    `export default ${printExpression(pipelineCall, layout, 0, "export default ".length, 1)};${footerText}`,
  );
  return checkedSource(`${head}\n\n${statements.join("\n\n")}\n`);
}

/**
 * `text` parsed by ts-morph (the TypeScript compiler) as a source file: a syntax error in it is
 * a bug of the importer, thrown rather than written.
 */
function checkedSource(text: string): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: { noLib: true, noResolve: true },
  });
  const file = project.createSourceFile("pipeline.ts", text);
  const [problem] = project.getProgram().getSyntacticDiagnostics(file);
  if (problem !== undefined) {
    throw new Error(
      `importGitlabYaml wrote invalid TypeScript at ${problem.getStart()}: ${problem.getMessageText()}`,
    );
  }
  return file.getFullText();
}

// True when a plain string of the file holds `${`: one on a single line (multi-line strings are
// template literals, where it is escaped).
function usesCurlyVariables(conversion: Conversion, pipelineCall: TsExpression): boolean {
  const visit = (expression: TsExpression): boolean => {
    switch (expression.kind) {
      case "string":
        return !expression.value.includes("\n") && expression.value.includes("${");
      case "call":
        return expression.args.some(visit);
      case "object":
        return expression.entries.some((entry) => visit(entry.value));
      case "array":
        return expression.elements.some((element) => visit(element.value));
      default:
        return false;
    }
  };
  return visit(pipelineCall) || conversion.consts.some((declaration) => visit(declaration.value));
}

function constInitializer(declaration: ConstDeclaration, layout: Layout): string {
  const prefix = `const ${declaration.name} = `.length;
  switch (declaration.kind) {
    case "template":
    case "job": {
      const type = declaration.kind === "template" ? "JobTemplate" : "PipelineJob";
      return `${printExpression(declaration.value, layout, 0, prefix, ` satisfies ${type};`.length)} satisfies ${type}`;
    }
    case "data":
      return `${printExpression(declaration.value, layout, 0, prefix, " as const;".length)} as const`;
    case "scalar":
      return printExpression(declaration.value, layout, 0, prefix, 1);
  }
}
