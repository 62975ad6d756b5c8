// Where a followed log stands, so that a stream that is cut and opened again prints no line twice
// and loses none. The API server is asked for `timestamps=true` lines and resumed with
// `sinceTime`, but a log server may ignore `sinceTime` (kwok does) and always answers from the
// start: the cursor skips every line at or before the last one printed. Lines that share a
// timestamp are told apart by their count at that timestamp. Pure: no I/O.

/** A log line as the API server sends it with `timestamps=true`, split. */
export type TimestampedLine = {
  /** The RFC 3339 timestamp as sent; undefined when the line has none. */
  readonly timestamp?: string;
  /** A key that sorts as the timestamps do (nanoseconds, fixed width). */
  readonly key?: string;
  readonly text: string;
};

/** The last printed timestamp and how many lines carried it. */
export type LogCursor = { readonly key?: string; readonly printedAtKey: number };

/** A cursor before the first line. */
export const START_CURSOR: LogCursor = { printedAtKey: 0 };

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) /;

/** Splits `2026-01-01T00:00:00.5Z text` into its timestamp, a sortable key and the text. */
export function splitTimestamp(line: string): TimestampedLine {
  const match = TIMESTAMP.exec(line);
  if (match === null) return { text: line };
  const [whole, seconds = "", fraction = "", zone = ""] = match;
  const millis = Date.parse(`${seconds}${zone}`);
  if (Number.isNaN(millis)) return { text: line };
  const key = `${String(millis / 1000).padStart(12, "0")}.${fraction.padEnd(9, "0")}`;
  return { timestamp: whole.trimEnd(), key, text: line.slice(whole.length) };
}

/**
 * Reads the lines of one stream (a fresh connection) against the cursor: `accept` says whether a
 * line is new (to print) and moves the cursor.
 */
export function streamReader(start: LogCursor): {
  accept(line: TimestampedLine): boolean;
  cursor(): LogCursor;
} {
  let cursor = start;
  // Lines of this stream seen at the cursor's timestamp: the first `printedAtKey` are repeats.
  let seenAtKey = 0;
  return {
    accept(line) {
      if (line.key === undefined) return true;
      if (cursor.key !== undefined && line.key < cursor.key) return false;
      if (line.key === cursor.key) {
        seenAtKey++;
        if (seenAtKey <= cursor.printedAtKey) return false;
        cursor = { key: line.key, printedAtKey: cursor.printedAtKey + 1 };
        return true;
      }
      cursor = { key: line.key, printedAtKey: 1 };
      seenAtKey = 1;
      return true;
    },
    cursor: () => cursor,
  };
}
