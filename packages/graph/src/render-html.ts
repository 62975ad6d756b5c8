// One self-contained HTML page: the SVG drawing inline, with zoom and pan, a search box, the
// `needs` chain of a job highlighted on hover, and stages and matrix groups that fold. No
// network: the script and the style are written here, and read everything from the SVG's
// attributes, so no job name ever reaches the script as code.
import type { GraphModel } from "./graph-model.js";
import { layoutModel } from "./layout.js";
import { svgElement, xmlEscape } from "./render-svg.js";

/** The model as one HTML file that works offline. */
export function renderHtml(model: GraphModel, title: string): string {
  const layout = layoutModel(model);
  const stages = model.stages
    .map(
      (stage) =>
        `<button type="button" class="fold-stage" data-stage="${xmlEscape(stage)}" aria-pressed="false">${xmlEscape(stage)}</button>`,
    )
    .join("");
  const hasGroups = model.nodes.some((node) => node.group !== undefined);
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${xmlEscape(title)}</title>`,
    `<style>${pageStyle}</style>`,
    "</head>",
    "<body>",
    '<header class="toolbar">',
    `<strong>${xmlEscape(title)}</strong>`,
    '<input type="search" id="search" placeholder="Search jobs" aria-label="Search jobs">',
    '<span id="matches" aria-live="polite"></span>',
    hasGroups
      ? '<label><input type="checkbox" id="fold-groups"> collapse matrix/parallel groups</label>'
      : "",
    `<span class="stages">Stages: ${stages}</span>`,
    '<button type="button" id="fit">Fit</button>',
    "</header>",
    '<main id="canvas">',
    svgElement(model, layout).trimEnd(),
    "</main>",
    `<script>${pageScript}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

const pageStyle = [
  "html,body{margin:0;height:100%;font-family:sans-serif;font-size:13px}",
  "body{display:flex;flex-direction:column}",
  ".toolbar{display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:6px 10px;border-bottom:1px solid #ddd;background:#fafafa}",
  ".toolbar .stages button{margin:0 2px}",
  ".toolbar button[aria-pressed=true]{background:#ddd;text-decoration:line-through}",
  "#canvas{flex:1;overflow:hidden;cursor:grab;position:relative}",
  "#canvas.panning{cursor:grabbing}",
  "#canvas>svg{width:100%;height:100%}",
  ".job{cursor:pointer}",
  "svg.dim .job:not(.hl):not(.match){opacity:.25}",
  "svg.dim .edge:not(.hl){opacity:.12}",
  ".edge.hl{stroke:#d9480f;stroke-width:2.2}",
  ".job.hl rect{stroke:#d9480f;stroke-width:2.2}",
  ".job.focus rect{fill:#ffe8cc}",
  ".job.match rect{stroke:#1c7ed6;stroke-width:2.5}",
  ".folded{display:none}",
].join("\n");

// Plain script, no framework. It reads ids and names from the SVG's attributes (DOM APIs, never
// innerHTML), so hostile job names stay text.
const pageScript = `
(function () {
  "use strict";
  var svg = document.querySelector("#canvas > svg");
  var viewport = svg.querySelector(".viewport");
  var jobs = Array.prototype.slice.call(svg.querySelectorAll(".job"));
  var edges = Array.prototype.slice.call(svg.querySelectorAll(".edge"));
  var byId = {};
  var up = {};
  var down = {};
  jobs.forEach(function (job) { byId[job.id] = job; up[job.id] = []; down[job.id] = []; });
  edges.forEach(function (edge) {
    if (!edge.classList.contains("needs")) return;
    var from = edge.getAttribute("data-from");
    var to = edge.getAttribute("data-to");
    down[from].push(edge);
    up[to].push(edge);
  });

  // Hover: the job, everything it needs (upstream) and everything that needs it (downstream).
  function chain(start) {
    var seen = {};
    var lit = [];
    function walk(id, map, end) {
      map[id].forEach(function (edge) {
        lit.push(edge);
        var next = edge.getAttribute(end);
        if (!seen[next]) { seen[next] = true; walk(next, map, end); }
      });
    }
    seen[start] = true;
    walk(start, up, "data-from");
    var upstream = seen;
    seen = {}; seen[start] = true;
    walk(start, down, "data-to");
    Object.keys(upstream).forEach(function (id) { seen[id] = true; });
    return { jobs: Object.keys(seen), edges: lit };
  }
  function clearHighlight() {
    svg.classList.remove("dim");
    svg.querySelectorAll(".hl, .focus").forEach(function (el) { el.classList.remove("hl", "focus"); });
  }
  jobs.forEach(function (job) {
    job.addEventListener("mouseenter", function () {
      clearHighlight();
      var lit = chain(job.id);
      lit.jobs.forEach(function (id) { byId[id].classList.add("hl"); });
      lit.edges.forEach(function (edge) { edge.classList.add("hl"); });
      job.classList.add("focus");
      svg.classList.add("dim");
    });
    job.addEventListener("mouseleave", function () { clearHighlight(); applySearch(); });
  });

  // Search: matching jobs outlined, the others dimmed; Enter centres the first match.
  var search = document.getElementById("search");
  var counter = document.getElementById("matches");
  function applySearch() {
    var query = search.value.trim().toLowerCase();
    var found = [];
    jobs.forEach(function (job) {
      var hit = query !== "" && job.getAttribute("data-job").toLowerCase().indexOf(query) >= 0;
      job.classList.toggle("match", hit);
      if (hit) found.push(job);
    });
    svg.classList.toggle("dim", query !== "");
    counter.textContent = query === "" ? "" : found.length + (found.length === 1 ? " job" : " jobs");
    return found;
  }
  search.addEventListener("input", applySearch);
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var found = applySearch();
    if (found.length > 0) centre(found[0]);
  });

  // Folding: a stage's jobs, or every instance but the first of a matrix/parallel group.
  var foldedStages = {};
  var foldGroups = false;
  var groupSize = {};
  jobs.forEach(function (job) {
    var group = job.getAttribute("data-group");
    if (group !== null) groupSize[group] = (groupSize[group] || 0) + 1;
  });
  var firstOfGroup = {};
  jobs.forEach(function (job) {
    var group = job.getAttribute("data-group");
    if (group !== null && firstOfGroup[group] === undefined) firstOfGroup[group] = job;
  });
  function refold() {
    jobs.forEach(function (job) {
      var group = job.getAttribute("data-group");
      var text = job.querySelector("text");
      if (text.getAttribute("data-full") === null) text.setAttribute("data-full", text.textContent);
      var hidden = foldedStages[job.getAttribute("data-stage")] === true ||
        (foldGroups && group !== null && firstOfGroup[group] !== job);
      job.classList.toggle("folded", hidden);
      text.textContent = foldGroups && group !== null && firstOfGroup[group] === job
        ? group + " \\u00d7" + groupSize[group] : text.getAttribute("data-full");
    });
    edges.forEach(function (edge) {
      var hidden = byId[edge.getAttribute("data-from")].classList.contains("folded") ||
        byId[edge.getAttribute("data-to")].classList.contains("folded");
      edge.classList.toggle("folded", hidden);
    });
  }
  document.querySelectorAll(".fold-stage").forEach(function (button) {
    button.addEventListener("click", function () {
      var stage = button.getAttribute("data-stage");
      foldedStages[stage] = !foldedStages[stage];
      button.setAttribute("aria-pressed", String(foldedStages[stage]));
      svg.querySelectorAll(".stage").forEach(function (column) {
        if (column.getAttribute("data-stage") === stage) column.classList.toggle("collapsed", foldedStages[stage]);
      });
      refold();
    });
  });
  var groupBox = document.getElementById("fold-groups");
  if (groupBox !== null) groupBox.addEventListener("change", function () { foldGroups = groupBox.checked; refold(); });

  // Zoom (wheel, around the pointer) and pan (drag).
  var width = Number(svg.getAttribute("width"));
  var height = Number(svg.getAttribute("height"));
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("viewBox", "0 0 " + svg.clientWidth + " " + svg.clientHeight);
  var view = { x: 0, y: 0, k: 1 };
  function apply() { viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")"); }
  function fit() {
    var k = Math.min(svg.clientWidth / width, svg.clientHeight / height, 1);
    view = { x: (svg.clientWidth - width * k) / 2, y: 0, k: k };
    apply();
  }
  function centre(job) {
    var box = job.getBBox();
    var m = job.transform.baseVal.consolidate().matrix;
    view.k = Math.max(view.k, 1);
    view.x = svg.clientWidth / 2 - (m.e + box.width / 2) * view.k;
    view.y = svg.clientHeight / 2 - (m.f + box.height / 2) * view.k;
    apply();
  }
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var factor = Math.exp(-event.deltaY * 0.0015);
    var k = Math.min(8, Math.max(0.02, view.k * factor));
    var rect = svg.getBoundingClientRect();
    var px = event.clientX - rect.left;
    var py = event.clientY - rect.top;
    view.x = px - (px - view.x) * (k / view.k);
    view.y = py - (py - view.y) * (k / view.k);
    view.k = k;
    apply();
  }, { passive: false });
  var drag = null;
  var canvas = document.getElementById("canvas");
  svg.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX - view.x, y: event.clientY - view.y };
    canvas.classList.add("panning");
  });
  window.addEventListener("pointermove", function (event) {
    if (drag === null) return;
    view.x = event.clientX - drag.x;
    view.y = event.clientY - drag.y;
    apply();
  });
  window.addEventListener("pointerup", function () { drag = null; canvas.classList.remove("panning"); });
  document.getElementById("fit").addEventListener("click", fit);
  fit();
})();
`;
