import { describe, expect, it } from "vitest";
import {
  type LogCursor,
  START_CURSOR,
  splitTimestamp,
  streamReader,
} from "../src/logs/log-cursor.js";

/** Reads streams one after another from one cursor; gives the lines printed. */
function printed(streams: readonly (readonly string[])[]): string[] {
  let cursor: LogCursor = START_CURSOR;
  const out: string[] = [];
  for (const stream of streams) {
    const reader = streamReader(cursor);
    for (const raw of stream) {
      const line = splitTimestamp(raw);
      if (reader.accept(line)) out.push(line.text);
    }
    cursor = reader.cursor();
  }
  return out;
}

const at = (second: number, text: string, fraction = "000000000") =>
  `2026-01-01T00:00:0${second}.${fraction}Z ${text}`;

describe("splitTimestamp", () => {
  it("splits the API server's timestamp from the text, keyed to sort by time", () => {
    const line = splitTimestamp("2026-01-01T00:00:01.5Z hello world");
    expect(line.text).toBe("hello world");
    expect(line.timestamp).toBe("2026-01-01T00:00:01.5Z");
    const later = splitTimestamp("2026-01-01T00:00:01.500000001Z x");
    expect((line.key ?? "") < (later.key ?? "")).toBe(true);
    // The same instant in another zone has the same key.
    expect(splitTimestamp("2026-01-01T01:00:01.5+01:00 x").key).toBe(line.key);
  });

  it("leaves a line without a timestamp whole", () => {
    expect(splitTimestamp("no time here")).toEqual({ text: "no time here" });
  });
});

describe("streamReader", () => {
  it("a server that ignores sinceTime and answers from the start: nothing twice", () => {
    const all = [at(0, "a"), at(1, "b"), at(2, "c")];
    expect(printed([all.slice(0, 1), all.slice(0, 2), all])).toEqual(["a", "b", "c"]);
  });

  it("lines sharing a timestamp are counted, so a repeat is dropped and a new one kept", () => {
    const same = [at(0, "a"), at(0, "b"), at(0, "c")];
    expect(printed([same.slice(0, 2), same])).toEqual(["a", "b", "c"]);
  });

  it("a server that honours sinceTime (resumes at the last second) loses nothing either", () => {
    expect(
      printed([
        [at(0, "a"), at(1, "b")],
        [at(1, "b"), at(2, "c")],
      ]),
    ).toEqual(["a", "b", "c"]);
  });

  it("lines without a timestamp are always printed", () => {
    expect(printed([["x"], ["x"]])).toEqual(["x", "x"]);
  });
});
