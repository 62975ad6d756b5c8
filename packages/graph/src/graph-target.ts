// `pipecraft graph` (`synth --target graph`): the pipeline as a picture, in four formats.
import type { JobSelection, Pipeline, SynthResult, Target } from "@pipecraft/core";
import { type GraphView, graphModel } from "./graph-model.js";
import { renderDot } from "./render-dot.js";
import { renderHtml } from "./render-html.js";
import { renderMermaid } from "./render-mermaid.js";
import { renderSvg } from "./render-svg.js";

/** The formats `--format` takes, the default first. */
export const graphFormats = ["html", "mermaid", "dot", "svg"] as const;
/** The views `--view` takes, the default first. */
export const graphViews = ["stages", "needs"] as const;

/** One of `graphFormats`. */
export type GraphFormat = (typeof graphFormats)[number];

/** Options of `synthGraph`. */
export interface SynthGraphOptions {
  readonly format?: GraphFormat;
  readonly view?: GraphView;
  /** The page title of the html format (default `pipeline`). */
  readonly title?: string;
  /** The jobs GitLab would create (`selectJobs`, from `--var`): the others are greyed. */
  readonly selection?: JobSelection;
}

/** The picture of a validated pipeline in one format and view; pure, the same bytes each time. */
export function synthGraph(
  pipeline: Pipeline,
  options: SynthGraphOptions = {},
): SynthResult<string> {
  const model = graphModel(pipeline, options.view ?? "stages", options.selection);
  switch (options.format ?? "html") {
    case "html":
      return { output: renderHtml(model, options.title ?? "pipeline"), diagnostics: [] };
    case "svg":
      return { output: renderSvg(model), diagnostics: [] };
    case "mermaid":
      return { output: renderMermaid(model), diagnostics: [] };
    case "dot":
      return { output: renderDot(model), diagnostics: [] };
  }
}

const oneOf = (names: readonly string[]) => (value: string) =>
  names.includes(value) ? undefined : `is not one of ${names.join(", ")}`;

/** `--target graph`: the pipeline drawn as HTML (default), Mermaid, DOT or SVG. */
export const graphTarget: Target = {
  name: "graph",
  defaultOutput: "pipeline-graph.html",
  // With `--var`, the jobs GitLab would not create are drawn greyed, not left out.
  selectsJobs: true,
  options: {
    format: { type: "string", check: oneOf(graphFormats) },
    view: { type: "string", check: oneOf(graphViews) },
  },
  synth: (pipeline, request) =>
    synthGraph(pipeline, {
      format: request.values.format as GraphFormat | undefined,
      view: request.values.view as GraphView | undefined,
      title: request.sourceFile,
      ...(request.selection === undefined ? {} : { selection: request.selection }),
    }),
};
