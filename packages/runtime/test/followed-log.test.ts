import { describe, expect, it } from "vitest";
import { followedLogText } from "../src/logs/followed-log.js";

describe("followedLogText: the log file from the follower, or a read", () => {
  it("writes the lines of a follower that read the log to its end, each with its newline", () => {
    expect(followedLogText({ lines: ["one", "", "three"], complete: true })).toBe("one\n\nthree\n");
  });

  it("writes an empty file for a container that printed nothing, followed to its end", () => {
    expect(followedLogText({ lines: [], complete: true })).toBe("");
  });

  it("reads the log when the follower stopped short (stopped, gave up, or its Pod went away)", () => {
    expect(followedLogText({ lines: ["one"], complete: false })).toBeUndefined();
    expect(followedLogText({ lines: [], complete: false })).toBeUndefined();
  });

  it("reads the log when the job was not followed (no live logs, or not seen in time)", () => {
    expect(followedLogText(undefined)).toBeUndefined();
  });
});
