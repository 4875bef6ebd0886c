import { describe, expect, it } from "vitest";
import { TimeSet } from "./time-set";

describe("TimeSet", () => {
  it("finds what was added, in order or not, past its first growth", () => {
    const set = new TimeSet();
    const times = Array.from({ length: 3000 }, (_, index) => 1_767_225_600_000 + index * 60_000);
    for (const time of times.slice(0, 2000)) set.add(time);
    expect(set.has(times[0]!)).toBe(true);
    expect(set.has(times[1999]!)).toBe(true);
    expect(set.has(times[2000]!)).toBe(false);
    expect(set.has(times[5]! + 1)).toBe(false);
    // Out of order: earlier times added after later ones are still found.
    for (const time of times.slice(2000).reverse()) set.add(time);
    set.add(times[0]! - 60_000);
    expect(times.every((time) => set.has(time))).toBe(true);
    expect(set.has(times[0]! - 60_000)).toBe(true);
    expect(set.has(times[0]! - 120_000)).toBe(false);
  });
});
