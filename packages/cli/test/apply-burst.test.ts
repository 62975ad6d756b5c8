// An apply's default burst covers every request it sends, as kubectl's apply has no client-side
// limit in effect: 200 Jobs must not wait at 50 a second past the first 100.
import { describe, expect, it } from "vitest";
import { applyBurst } from "../src/commands/apply.js";

const job = (name: string) => ({ apiVersion: "batch/v1", kind: "Job", metadata: { name } });
const claim = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "ws" } };

describe("the default burst of pipecraft apply", () => {
  it("covers one request per object, one list per kind and the ApplySet parent's read and write", () => {
    const objects = [claim, ...Array.from({ length: 200 }, (_, index) => job(`j${index}`))];
    expect(applyBurst(objects, 100)).toBe(201 + 2 + 2);
  });

  it("is never below the runtime's default", () => {
    expect(applyBurst([claim, job("a")], 100)).toBe(100);
    expect(applyBurst([], 100)).toBe(100);
  });
});
