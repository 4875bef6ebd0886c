import { describe, expect, it } from "vitest";
import { compareDays, type ComparedWeighIn } from "./compare-days";

const weighIn = (id: string, measuredAt: string, weightKg: number): ComparedWeighIn => ({
  id,
  date: measuredAt.slice(0, 10),
  measuredAt,
  weightKg,
});

describe("comparing two sources' weigh-ins by day", () => {
  it("finds the days only one source has and the days whose weights differ beyond the tolerance", () => {
    const a = [
      weighIn("a1", "2026-03-01T07:00:00Z", 80),
      weighIn("a2", "2026-03-02T07:00:00Z", 80.2),
      weighIn("a3", "2026-03-03T07:00:00Z", 80.4),
      weighIn("a4", "2026-03-05T07:00:00Z", 81),
    ];
    const b = [
      weighIn("b1", "2026-03-01T07:05:00Z", 80.1),
      weighIn("b2", "2026-03-02T07:05:00Z", 80.5),
      weighIn("b4", "2026-03-04T07:05:00Z", 79.9),
      weighIn("b5", "2026-03-05T07:05:00Z", 81),
    ];
    expect(compareDays(a, b, 0.1)).toEqual({
      onlyInA: [{ date: "2026-03-03", weightKg: 80.4, id: "a3" }],
      onlyInB: [{ date: "2026-03-04", weightKg: 79.9, id: "b4" }],
      // 0.1 kg apart on the 1st is within the tolerance; 0.3 on the 2nd is not.
      differing: [{ date: "2026-03-02", weightKgA: 80.2, weightKgB: 80.5, differenceKg: 0.3 }],
      matchingDays: 2,
    });
  });

  it("compares a day by its first weigh-in, whatever order they come in", () => {
    const a = [weighIn("late", "2026-03-01T19:00:00Z", 81.5), weighIn("early", "2026-03-01T07:00:00Z", 80)];
    const b = [weighIn("b", "2026-03-01T07:01:00Z", 80)];
    expect(compareDays(a, b, 0)).toMatchObject({ differing: [], matchingDays: 1 });
    expect(compareDays(a, [], 0).onlyInA).toEqual([{ date: "2026-03-01", weightKg: 80, id: "early" }]);
  });
});
