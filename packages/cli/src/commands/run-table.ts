// Durations as people read them, for the run commands' output (`pipecraft runs`).

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
