import { describe, expect, it } from "vitest";
import { mapLimit } from "../src/cluster/map-limit.js";

describe("mapLimit", () => {
  it("keeps the order of the items and never has more than `limit` under way", async () => {
    let active = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      active++;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, n));
      active--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });
});
