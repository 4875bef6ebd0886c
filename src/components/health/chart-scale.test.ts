import { describe, expect, it } from "vitest";
import {
  bucketCenter,
  bucketSlot,
  bucketStart,
  isGap,
  nextBucket,
  tickFormat,
  timeDomain,
  valueScale,
  valueY,
} from "./chart-scale";
import { timeTicks } from "./time-ticks";

describe("time buckets", () => {
  it("start where Postgres' date_trunc starts them", () => {
    expect(bucketStart("2026-11-08", "week")).toBe("2026-11-02"); // a Sunday belongs to the Monday before
    expect(bucketStart("2026-11-02", "week")).toBe("2026-11-02");
    expect(bucketStart("2026-01-01", "week")).toBe("2025-12-29");
    expect(bucketStart("2026-02-17", "month")).toBe("2026-02-01");
    expect(nextBucket("2026-12-01", "month")).toBe("2027-01-01");
    expect(nextBucket("2026-02-28", "day")).toBe("2026-03-01");
  });

  it("place buckets side by side across the whole width", () => {
    const domain = timeDomain("2026-11-01", "2026-11-30", "day");
    expect(bucketSlot(domain, "2026-11-01")).toEqual({ x: 0, width: 1 / 30 });
    expect(bucketCenter(domain, "2026-11-30")).toBeCloseTo(1 - 1 / 60);
    const weeks = timeDomain("2026-11-04", "2026-11-20", "week");
    expect(weeks).toEqual({ start: "2026-11-02", end: "2026-11-23", bucket: "week" });
    expect(bucketSlot(weeks, "2026-11-09").x).toBeCloseTo(1 / 3);
  });

  it("break a line only across more than three missing buckets", () => {
    const domain = timeDomain("2026-11-01", "2026-11-30", "day");
    expect(isGap(domain, "2026-11-01", "2026-11-04")).toBe(false);
    expect(isGap(domain, "2026-11-01", "2026-11-05")).toBe(true);
  });
});

describe("value scales", () => {
  it("cover every value with round ticks", () => {
    expect(valueScale([43, 71])).toEqual({ min: 40, max: 80, step: 10, ticks: [40, 50, 60, 70, 80] });
    expect(valueScale([0.1, 0.3]).ticks).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(valueScale([9412, 12000], { includeZero: true })).toEqual({
      min: 0,
      max: 15000,
      step: 5000,
      ticks: [0, 5000, 10000, 15000],
    });
  });

  it("label ticks with the decimals their step needs", () => {
    const weight = valueScale([71.6, 73]);
    expect(weight.ticks.map(tickFormat(weight))).toEqual(["71.5", "72", "72.5", "73"]);
    const steps = valueScale([0, 15000]);
    expect(steps.ticks.map(tickFormat(steps))).toEqual(["0", "5,000", "10,000", "15,000"]);
  });

  it("give a single value some room and an empty chart a unit scale", () => {
    const single = valueScale([60]);
    expect(single.min).toBeLessThan(60);
    expect(single.max).toBeGreaterThan(60);
    expect(valueScale([])).toMatchObject({ min: 0, max: 1 });
  });

  it("put larger values higher up", () => {
    const scale = valueScale([40, 80]);
    expect(valueY(scale, 80, 200)).toBe(0);
    expect(valueY(scale, 40, 200)).toBe(200);
    expect(valueY(scale, 60, 200)).toBe(100);
  });
});

describe("time ticks", () => {
  it("mark Mondays over 30 days, months over a year and years over three", () => {
    const month = timeTicks(timeDomain("2026-10-22", "2026-11-20", "day"));
    expect(month.map((tick) => tick.label)).toEqual(["Oct 26", "Nov 2", "Nov 9", "Nov 16"]);
    const year = timeTicks(timeDomain("2025-11-21", "2026-11-20", "week"));
    expect(year.map((tick) => tick.label)).toEqual(["Dec 2025", "Feb 2026", "Apr", "Jun", "Aug", "Oct"]);
    const all = timeTicks(timeDomain("2023-11-01", "2026-11-20", "week"));
    expect(all.map((tick) => tick.label)).toEqual(["2024", "2025", "2026"]);
    for (const tick of [...month, ...year, ...all]) expect(tick.x).toBeGreaterThanOrEqual(0);
  });
});
