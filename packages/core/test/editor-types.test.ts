// What an editor shows for pipeline.ts, asked of TypeScript's own language service: every keyword's
// hover carries our one-line TSDoc and a link to GitLab's YAML reference, and ordinary strings
// are never described in terms of the YAML writer's internal `TaggedValue`.
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import {
  autoCancelSchema,
  defaultSchema,
  jobObjectSchema,
  pipelineSchema,
  workflowSchema,
} from "../src/schema/index.js";

const root = path.resolve(import.meta.dirname, "../../..");
const probe = path.join(import.meta.dirname, "editor-probe.ts");
const stringsProbe = path.join(import.meta.dirname, "editor-strings-probe.ts");
const gitlabReference = "https://docs.gitlab.com/ci/yaml/#";

function languageService(probes: ReadonlyMap<string, string>): ts.LanguageService {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, "tsconfig.test.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("tsconfig.test.json did not parse");
  const read = (file: string) => probes.get(file) ?? ts.sys.readFile(file);
  return ts.createLanguageService({
    getScriptFileNames: () => [...probes.keys()],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const content = read(file);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => root,
    getCompilationSettings: () => config.options,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (file) => probes.has(file) || ts.sys.fileExists(file),
    readFile: read,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
}

interface Hover {
  type: string;
  doc: string;
  see: string[];
}

/** The probe's text, and where each keyword (by its place, e.g. `jobs.job.script`) is written. */
function writeProbe(): { text: string; at: Map<string, number> } {
  const at = new Map<string, number>();
  let text = 'import type { JobInput, PipelineInput } from "../src/index.js";\n';
  text += 'import { pipeline } from "../src/index.js";\n';
  const section = (place: string, keys: readonly string[], inner: Record<string, string> = {}) => {
    let out = "{ ";
    for (const key of keys) {
      at.set(`${place}${key}`, text.length + out.length);
      out += `${key}: ${inner[key] ?? "undefined"}, `;
    }
    return `${out}}`;
  };
  const jobKeys = Object.keys(jobObjectSchema.shape);
  text += "export const jobInput: JobInput = ";
  text += `${section("JobInput.", jobKeys)};\n`;
  text += "export const pipelineInput: PipelineInput = ";
  text += `${section("PipelineInput.", ["stages", "jobs"], { jobs: "{}" })};\n`;
  text += "export const definition = pipeline(";
  const topKeys = Object.keys(pipelineSchema.shape).filter(
    (key) => !["default", "workflow", "jobs"].includes(key),
  );
  let top = section("", topKeys);
  top = top.slice(0, -1);
  const prefix = text + top;
  text = prefix;
  at.set("default", text.length);
  text += "default: ";
  text += section("default.", Object.keys(defaultSchema.shape));
  text += ", ";
  at.set("workflow", text.length);
  text += "workflow: { ";
  for (const key of Object.keys(workflowSchema.shape)) {
    at.set(`workflow.${key}`, text.length);
    if (key === "auto_cancel") {
      text += "auto_cancel: ";
      text += section("workflow.auto_cancel.", Object.keys(autoCancelSchema.shape));
      text += ", ";
    } else text += `${key}: undefined, `;
  }
  text += "}, ";
  at.set("jobs", text.length);
  text += "jobs: { job: ";
  text += section("jobs.job.", jobKeys);
  text += " } });\n";
  return { text, at };
}

// Ordinary jobs, two typos among them, as a user writes them.
const strings = `import { extend, pipeline } from "../src/index.js";
export const definition = pipeline({
  stages: ["build", "test"],
  jobs: {
    build: { stage: "build", image: "node:22", script: ["make"], variables: { A: "1" } },
    test: { stage: "test", needs: ["biuld"], script: ["make test"] },
    lint: { stage: "tset", script: ["make lint"] },
    docs: extend({ image: "node:22" }, { needs: ["biuld"], script: ["make docs"] }),
  },
});
`;

const keywords = writeProbe();
let service: ts.LanguageService;

beforeAll(() => {
  service = languageService(
    new Map([
      [probe, keywords.text],
      [stringsProbe, strings],
    ]),
  );
}, 180_000);

function hover(file: string, offset: number): Hover {
  const info = service.getQuickInfoAtPosition(file, offset);
  return {
    type: ts.displayPartsToString(info?.displayParts),
    doc: ts.displayPartsToString(info?.documentation),
    see: (info?.tags ?? [])
      .filter((t) => t.name === "see")
      .map((t) => ts.displayPartsToString(t.text)),
  };
}

describe("hover documentation", () => {
  let hovers: Map<string, Hover>;

  beforeAll(() => {
    const { at } = keywords;
    const errors = service.getSemanticDiagnostics(probe);
    expect(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
    hovers = new Map();
    for (const [place, offset] of at) {
      const info = service.getQuickInfoAtPosition(probe, offset);
      hovers.set(place, {
        type: ts.displayPartsToString(info?.displayParts),
        doc: ts.displayPartsToString(info?.documentation),
        see: (info?.tags ?? [])
          .filter((t) => t.name === "see")
          .map((t) => ts.displayPartsToString(t.text)),
      });
    }
  }, 180_000);

  it("gives every keyword of jobs, default, workflow and the top level one line of our own", () => {
    const undocumented = [...hovers].filter(([, h]) => h.doc.trim() === "" || h.doc.includes("\n"));
    expect(undocumented.map(([place]) => place)).toEqual([]);
    // Every schema keyword was asked about: the probe is built from the schemas themselves.
    expect(hovers.size).toBe(
      Object.keys(jobObjectSchema.shape).length * 2 +
        Object.keys(pipelineSchema.shape).length +
        Object.keys(defaultSchema.shape).length +
        Object.keys(workflowSchema.shape).length +
        Object.keys(autoCancelSchema.shape).length +
        2,
    );
  });

  it("links every GitLab keyword to its section of GitLab's YAML reference", () => {
    const unlinked = [...hovers].filter(
      ([, h]) =>
        !h.doc.startsWith("pipecraft extension") &&
        !(h.see.length === 1 && h.see[0]?.startsWith(gitlabReference)),
    );
    expect(unlinked.map(([place]) => place)).toEqual([]);
    expect(hovers.get("jobs.job.needs")?.see).toEqual([`${gitlabReference}needs`]);
    expect(hovers.get("workflow.name")?.see).toEqual([`${gitlabReference}workflowname`]);
  });

  it("shows the schema's docs inside pipeline(), where name-checked keywords are retyped", () => {
    for (const key of Object.keys(jobObjectSchema.shape)) {
      expect(hovers.get(`jobs.job.${key}`)?.doc, key).toBe(hovers.get(`JobInput.${key}`)?.doc);
      expect(hovers.get(`jobs.job.${key}`)?.see, key).toEqual(hovers.get(`JobInput.${key}`)?.see);
    }
    for (const key of ["stages", "jobs"]) {
      expect(hovers.get(key)?.doc, key).toBe(hovers.get(`PipelineInput.${key}`)?.doc);
      expect(hovers.get(key)?.see, key).toEqual(hovers.get(`PipelineInput.${key}`)?.see);
    }
    expect(hovers.get("default.image")?.doc).toBe(hovers.get("jobs.job.image")?.doc);
  });
});

describe("ordinary strings", () => {
  it("are not described as TaggedValue in hovers", () => {
    for (const key of ["stage", "image", "script", "variables", "needs"]) {
      const shown = hover(stringsProbe, strings.indexOf(`${key}:`));
      expect(shown.type, key).toMatch(new RegExp(`^\\(property\\) ${key}\\?:`));
      expect(shown.type, key).not.toContain("TaggedValue");
    }
    expect(hover(stringsProbe, strings.indexOf("stage:")).type).toContain('"build" | "test"');
  });

  it("are not described as TaggedValue in errors, which still suggest the name meant", () => {
    const errors = service.getSemanticDiagnostics(stringsProbe).map((d) => ({
      line: strings.slice(0, d.start).split("\n").length,
      text: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    }));
    expect(errors.map((e) => e.line)).toEqual([6, 7, 8]);
    expect(errors[0]?.text).toContain(`Did you mean '"build"'?`);
    expect(errors[1]?.text).toMatch(/^Type '"tset"' is not assignable to type/);
    for (const error of errors) expect(error.text).not.toContain("TaggedValue");
    // Inside extend(), the error is reported at the job (not yet at the typo), but it still
    // ends in the suggestion and does not send the reader after another `needs` form.
    expect(errors[2]?.text.split("\n").at(-1)).toMatch(/Type '"biuld"'.*Did you mean '"build"'\?$/);
    expect(errors[2]?.text).not.toMatch(/missing the following properties/);
  });
});
