// Median wall time of a synchronous function, in process. Each run starts after a full GC
// (when node runs with --expose-gc) so that garbage left by the previous run, or by another
// library, is not billed to this one; the run's own allocation and GC still are.

/** Median milliseconds of `fn()` over up to `runs` runs (at least 3) within about `budgetMs`. */
export function measure(fn, { runs = 30, warmup = 3, budgetMs = 3000 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  let spent = 0;
  while (times.length < runs && (times.length < 3 || spent < budgetMs)) {
    globalThis.gc?.();
    const start = process.hrtime.bigint();
    fn();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    times.push(ms);
    spent += ms;
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const medianMs = times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { medianMs, runs: times.length };
}
