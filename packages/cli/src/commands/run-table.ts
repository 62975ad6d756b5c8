// Plain-text tables and durations for the run commands' output (`pipecraft runs`).

/** Columns padded to their widest cell, two spaces apart, one line per row. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[header, ...rows].map(line).join("\n")}\n`;
}

/**
 * A duration as people read it: `42s`, `3m05s`, `2h04m`.
 * @example formatDuration(185_000) // "3m05s"
 */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/**
 * An age given on the command line (`7d`, `12h`, `30m`, `90s`) in milliseconds, or undefined
 * when it is not one.
 */
export function parseAge(text: string): number | undefined {
  const match = /^(\d+)(s|m|h|d)$/.exec(text);
  if (match === null) return undefined;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    match[2] as "s" | "m" | "h" | "d"
  ];
  return Number(match[1]) * unit;
}
