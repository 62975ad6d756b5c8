/** A markdown table (header row, alignment row, rows), numbers and text right-aligned after the first column. */
export function markdownTable(headers, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  const align = headers.map((_, i) => (i === 0 ? "---" : "---:"));
  return [line(headers), line(align), ...rows.map(line)].join("\n");
}
