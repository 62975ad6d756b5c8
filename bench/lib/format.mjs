// Number formats shared by the benchmark tables, so that every case reads the same way.

/** Milliseconds with precision that suits their size: 0.62 ms, 13.4 ms, 512 ms. */
export function formatMs(ms) {
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(0)} ms`;
}

/** A byte count in KB or MB. */
export function formatBytes(bytes) {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(0)} KB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A count with thousands separators: 10,000. */
export function formatCount(n) {
  return n.toLocaleString("en-US");
}

/** How many times slower `ms` is than `baseMs`: 4.2×. */
export function formatRatio(ms, baseMs) {
  const r = ms / baseMs;
  return `${r < 10 ? r.toFixed(1) : r.toFixed(0)}×`;
}
