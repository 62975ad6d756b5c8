// `.gitlab-ci.yml` → `pipeline.ts`: the file's top-level keys in their order, its jobs under
// `jobs` in their order, anchors and hidden templates as named consts, comments where they were.
import { topLevelKeywords } from "@pipecraft/core";
import { jobObjectSchema } from "@pipecraft/core/schema";
import type { LocalIncludeSource } from "@pipecraft/gitlab";
import { Project } from "ts-morph";
import { type Document, isMap, isPair, isScalar, type Node, type YAMLMap } from "yaml";
import { composeIncluded, type IncludedModule, type Sections } from "./compose-included.js";
import { ConstNames } from "./const-names.js";
import { type ImportDiagnostic, ImportProblem } from "./import-problem.js";
import { includedNames } from "./included-names.js";
import { moduleName, moduleSpecifier, outputPath } from "./module-paths.js";
import { type PlannedInclude, planLocalIncludes } from "./plan-local-includes.js";
import { type Layout, printExpression, printImport } from "./print-expression.js";
import { readYaml } from "./read-yaml.js";
import { referencedNames } from "./referenced-names.js";
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
  /**
   * The project the file is in (its `file`: the YAML's path from the project root): each
   * `include: local` file becomes a module of its own, imported by the file that includes it.
   * Without it, `include` entries are kept as written.
   */
  readonly includes?: LocalIncludeSource;
};

/**
 * A file the import writes: `pipeline.ts`, then one module per `include: local` file, each
 * relative to the folder of `pipeline.ts`.
 */
export type ImportedFile = { readonly path: string; readonly text: string };

/** What `importGitlabYaml` gives: the files (none when an error stopped it) and every diagnostic. */
export type ImportResult = {
  readonly files: readonly ImportedFile[];
  readonly diagnostics: readonly ImportDiagnostic[];
};

// `spec` is a keyword of the header document only; in the main document it is a job.
const KEYWORDS: ReadonlySet<string> = new Set<string>(topLevelKeywords.filter((k) => k !== "spec"));
const JOB_KEYWORDS: ReadonlySet<string> = new Set(Object.keys(jobObjectSchema.shape));
const IMPORTED = [
  "extend",
  "included",
  "merge",
  "pipeline",
  "reference",
  "JobTemplate",
  "PipelineJob",
];

/** What one import collects across the files: the modules made so far, by YAML path. */
type ImportState = {
  readonly options: ImportOptions;
  readonly layout: Layout;
  readonly modules: Map<string, ModuleInfo>;
  readonly files: ImportedFile[];
  /** Output paths taken (`pipeline.ts` and the modules'). */
  readonly paths: Set<string>;
};

/** A module written for an included YAML file. */
type ModuleInfo = {
  readonly exportName: string;
  readonly modulePath: string;
  readonly data: Sections;
  readonly hidden: boolean;
};

/** A file converted: its top-level entries (includes merged) and what the writer needs. */
type ConvertedFile = {
  readonly conversion: Conversion;
  readonly entries: ObjectEntry[];
  readonly hidden: boolean;
  /** The data the file's object holds (read when asked: a large file's data costs a walk). */
  readonly data: () => Sections;
  readonly imports: readonly ModuleImport[];
  readonly usesMerge: boolean;
  readonly header: Comments;
  readonly footer: Comments;
};

type ModuleImport = { readonly local: string; readonly exportName: string; readonly path: string };

/**
 * The `pipeline.ts` a person would write for a `.gitlab-ci.yml` text (and, given `includes`, a
 * module per `include: local` file): pure, the project is read through `includes` only.
 * Diagnostics are placed at a line of the YAML; an error means nothing could be written.
 * @example importGitlabYaml(readFileSync(".gitlab-ci.yml", "utf8")).files[0]?.text
 */
export function importGitlabYaml(text: string, options: ImportOptions = {}): ImportResult {
  const diagnostics: ImportDiagnostic[] = [];
  const state: ImportState = {
    options,
    layout: { lineWidth: options.lineWidth ?? 80, indentWidth: 2 },
    modules: new Map(),
    files: [],
    paths: new Set(["pipeline.ts"]),
  };
  try {
    const file = pipelineFile(text, state, diagnostics);
    const modules = [...state.files].sort((a, b) => (a.path < b.path ? -1 : 1));
    return { files: [{ path: "pipeline.ts", text: file }, ...modules], diagnostics };
  } catch (problem) {
    if (!(problem instanceof ImportProblem)) throw problem;
    diagnostics.push({
      code: problem.code,
      severity: "error",
      message: problem.message,
      line: problem.place.line,
      column: problem.place.column,
      ...(problem.file === undefined ? {} : { file: problem.file }),
    });
    return { files: [], diagnostics };
  }
}

function pipelineFile(text: string, state: ImportState, diagnostics: ImportDiagnostic[]) {
  const file = state.options.includes?.file ?? ".gitlab-ci.yml";
  const converted = convertFile(text, state, file, [], [], diagnostics, state.options.style);
  const { conversion, hidden } = converted;
  const entries = [...converted.entries];
  declareIncluded(conversion, () => flattened(converted.data()), entries);
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
  return writeSourceFile(
    converted,
    { kind: "call", callee: "pipeline", args },
    state.layout,
    "pipeline.ts",
  );
}

// One YAML file (the imported one, or an included one, `file` from the project root, included
// through `chain`): its entries, with the modules of its local includes merged in.
function convertFile(
  text: string,
  state: ImportState,
  file: string,
  chain: readonly string[],
  reserved: readonly string[],
  diagnostics: ImportDiagnostic[],
  style: ImportOptions["style"],
): ConvertedFile {
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
    names: new ConstNames([...IMPORTED, ...reserved]),
    jobKeywords: JOB_KEYWORDS,
    consts: [],
    constOf: new Map(),
    ...aliasesOf(main),
    diagnostics,
    usesReference: false,
    usesIncluded: false,
    usesExtend: false,
  };
  const planned = planLocalIncludes(conversion, main, file, chain, state.options.includes);
  const modules: IncludedModule[] = [];
  const imports: ModuleImport[] = [];
  let hiddenModules = false;
  for (const path of planned.flatMap((item) => item.paths ?? [])) {
    const info = moduleOf(path, [...chain, file], state, diagnostics);
    let local = imports.find((i) => i.path === info.modulePath)?.local;
    if (local === undefined) {
      local = conversion.names.next(info.exportName);
      imports.push({ local, exportName: info.exportName, path: info.modulePath });
    }
    modules.push({ local, data: info.data });
    hiddenModules ||= info.hidden;
  }
  const entries: ObjectEntry[] = [];
  if (header !== undefined) entries.push(...headerEntries(conversion, header));
  const own =
    style === "functions"
      ? withExtendCalls(conversion, mainEntriesOf(conversion, main))
      : mainEntriesOf(conversion, main);
  const headerComments = [...commentLines(main.commentBefore)];
  const footer = commentLines(main.comment);
  if (modules.length === 0) {
    entries.push(...own.entries);
    return {
      conversion,
      entries,
      hidden: own.hidden,
      data: () => sectionsOf(main.toJS({ maxAliasCount: -1 })),
      imports,
      usesMerge: false,
      header: headerComments,
      footer,
    };
  }
  const kept = planned.filter((item) => item.paths === undefined);
  const { include: _, ...ownRest } = sectionsOf(main.toJS({ maxAliasCount: -1 }));
  const keptData = kept.map((item) => item.node.toJS(main, { maxAliasCount: -1 }) as unknown);
  const composed = composeIncluded(
    own.entries,
    keptData.length > 0 ? { ...ownRest, include: keptData } : ownRest,
    modules,
    keptIncludeExpression(conversion, own.entries, planned),
  );
  entries.push(...composed.entries);
  conversion.usesExtend ||= composed.usesExtend;
  // A module whose data another one holds already is not read (see composeIncluded).
  const read = referencedNames(entries);
  return {
    conversion,
    entries,
    hidden: own.hidden || hiddenModules,
    data: () => composed.data,
    imports: imports.filter((i) => read.has(i.local)),
    usesMerge: composed.usesMerge,
    header: headerComments,
    footer,
  };
}

// The included YAML file `path` as a module: converted (with its own includes) once, written
// beside `pipeline.ts` at the same relative path.
function moduleOf(
  path: string,
  chain: readonly string[],
  state: ImportState,
  diagnostics: ImportDiagnostic[],
): ModuleInfo {
  const known = state.modules.get(path);
  if (known !== undefined) return known;
  const exportName = new ConstNames(IMPORTED).next(moduleName(path));
  const modulePath = outputPath(path, state.paths);
  const found: ImportDiagnostic[] = [];
  let converted: ConvertedFile;
  try {
    const text = state.options.includes?.readFile(path) ?? "";
    converted = convertFile(text, state, path, chain, [exportName], found, "hidden");
  } catch (problem) {
    if (problem instanceof ImportProblem && problem.file === undefined) {
      throw new ImportProblem(problem.code, problem.place, problem.message, path);
    }
    throw problem;
  } finally {
    diagnostics.push(...found.map((d) => (d.file === undefined ? { ...d, file: path } : d)));
  }
  const object: TsExpression = {
    kind: "object",
    entries: converted.entries,
    trailing: [],
    expanded: true,
  };
  const text = writeSourceFile(
    { ...converted, header: [` Imported from ${path} (include: local).`, ...converted.header] },
    object,
    state.layout,
    modulePath,
    exportName,
  );
  state.files.push({ path: modulePath, text });
  const info: ModuleInfo = {
    exportName,
    modulePath,
    data: converted.data(),
    hidden: converted.hidden,
  };
  state.modules.set(path, info);
  return info;
}

// The `include` entries that stay includes, as written (the others became modules).
function keptIncludeExpression(
  conversion: Conversion,
  entries: readonly ObjectEntry[],
  planned: readonly PlannedInclude[],
): TsExpression | undefined {
  const kept = planned.filter((item) => item.paths === undefined);
  if (kept.length === 0) return undefined;
  const entry = entries.find((e) => e.kind === "property" && e.key === "include");
  const value = entry?.value;
  if (value?.kind === "array" && value.elements.length === planned.length) {
    return { ...value, elements: value.elements.filter((_, i) => planned[i]!.paths === undefined) };
  }
  if (value !== undefined && value.kind !== "array" && planned.length === 1) return value;
  return {
    kind: "array",
    elements: kept.map((item) => ({
      value: toExpression(conversion, item.node, "value"),
      comments: [],
    })),
    trailing: [],
  };
}

// The main document's data as a pipeline's input holds it: keywords, and jobs under `jobs`.
function sectionsOf(body: unknown): Sections {
  const result: Record<string, unknown> = {};
  const jobs: Record<string, unknown> = {};
  if (typeof body === "object" && body !== null && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body)) {
      if (KEYWORDS.has(key)) result[key] = value;
      else jobs[key] = value;
    }
  }
  result.jobs = jobs;
  return result;
}

// Sections back to GitLab's shape: keywords and jobs side by side.
function flattened(data: Sections): Record<string, unknown> {
  const { jobs, ...keywords } = data;
  return { ...keywords, ...(jobs as Record<string, unknown>) };
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
function declareIncluded(
  conversion: Conversion,
  body: () => Readonly<Record<string, unknown>>,
  entries: ObjectEntry[],
) {
  const at = entries.findIndex((entry) => entry.kind === "property" && entry.key === "include");
  if (at < 0) return;
  const { jobs, templates } = includedNames(body());
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
  // The first entry as written (not a module's `...x.include`).
  const first =
    value.kind === "array"
      ? value.elements.findIndex(
          (e) => !(e.value.kind === "identifier" && e.value.name.startsWith("...")),
        )
      : -1;
  if (value.kind === "array" && first < 0) return;
  entries[at] = {
    ...entry,
    value:
      value.kind === "array"
        ? {
            ...value,
            elements: value.elements.map((e, i) =>
              i === first ? { ...e, value: wrap(e.value) } : e,
            ),
          }
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

// The file: `pipeline.ts` (`export default pipeline(…)`) or, given `exportName`, the module of
// an included file (`export const name = {…} as const`).
function writeSourceFile(
  converted: Pick<ConvertedFile, "conversion" | "imports" | "usesMerge" | "header" | "footer">,
  value: TsExpression,
  layout: Layout,
  path: string,
  exportName?: string,
): string {
  const { conversion, header, footer } = converted;
  const values = [
    ...(conversion.usesExtend ? ["extend"] : []),
    ...(conversion.usesIncluded ? ["included"] : []),
    ...(converted.usesMerge ? ["merge"] : []),
    ...(exportName === undefined ? ["pipeline"] : []),
    ...(conversion.usesReference ? ["reference"] : []),
  ];
  const types = new Set(
    conversion.consts.flatMap((c) =>
      c.kind === "template" ? ["JobTemplate"] : c.kind === "job" ? ["PipelineJob"] : [],
    ),
  );
  const names = [
    ...values.map((name) => ({ name, isType: false })),
    ...[...types].map((name) => ({ name, isType: values.length > 0 })),
  ];
  const pipecraftImport =
    names.length === 0
      ? []
      : [
          values.length > 0
            ? printImport(names, "pipecraft", layout)
            : printImport(names, "pipecraft", layout).replace(/^import /, "import type "),
        ];
  const moduleImports = [...converted.imports]
    .map((i) => ({ ...i, specifier: moduleSpecifier(path, i.path) }))
    .sort((a, b) => (a.specifier < b.specifier ? -1 : 1))
    .map((i) =>
      printImport(
        [
          {
            name: i.local === i.exportName ? i.local : `${i.exportName} as ${i.local}`,
            isType: false,
          },
        ],
        i.specifier,
        layout,
      ),
    );
  const importText = [...pipecraftImport, ...moduleImports].join("\n");
  // Shell variables (`${HOME}`) are common in scripts; in a plain string they are not template
  // placeholders, which biome's noTemplateCurlyInString would otherwise suspect.
  const ignore = usesCurlyVariables(conversion, value)
    ? "// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell variables, not placeholders\n\n"
    : "";
  const headerText = header.length > 0 ? `${header.map((line) => `//${line}`).join("\n")}\n\n` : "";
  const head = `${ignore}${headerText}${importText}`.replace(/\n+$/, "");
  // The statements are laid out already (ts-morph's writer would indent the lines of a
  // multi-line expression once more than the formatter does, and formatText does not lay out
  // as biome does); ts-morph parses the whole file once, as the check that it is TypeScript.
  const statements = conversion.consts.map((declaration) => {
    const comments = declaration.comments.map((line) => `//${line}\n`).join("");
    return `${comments}const ${declaration.name} = ${constInitializer(declaration, layout)};`;
  });
  const footerText = footer.length > 0 ? `\n\n${footer.map((line) => `//${line}`).join("\n")}` : "";
  const exported =
    exportName === undefined
      ? `export default ${printExpression(value, layout, 0, "export default ".length, 1)};`
      : `export const ${exportName} = ${printExpression(value, layout, 0, `export const ${exportName} = `.length, " as const;".length)} as const;`;
  statements.push(`${exported}${footerText}`);
  return checkedSource(`${head === "" ? "" : `${head}\n\n`}${statements.join("\n\n")}\n`, path);
}

/**
 * `text` parsed by ts-morph (the TypeScript compiler) as a source file: a syntax error in it is
 * a bug of the importer, thrown rather than written.
 */
function checkedSource(text: string, path: string): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: { noLib: true, noResolve: true },
  });
  const file = project.createSourceFile(path, text);
  const [problem] = project.getProgram().getSyntacticDiagnostics(file);
  if (problem !== undefined) {
    throw new Error(
      `importGitlabYaml wrote invalid TypeScript in ${path} at ${problem.getStart()}: ${problem.getMessageText()}`,
    );
  }
  return file.getFullText();
}

// True when a plain string of the file holds `${`: one on a single line (multi-line strings are
// template literals, where it is escaped).
function usesCurlyVariables(conversion: Conversion, value: TsExpression): boolean {
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
  return visit(value) || conversion.consts.some((declaration) => visit(declaration.value));
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
