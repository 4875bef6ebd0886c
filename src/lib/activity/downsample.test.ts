import { describe, expect, it } from "vitest";
import { downsample } from "./downsample";
import { niceTicks, timeTicks } from "./ticks";

describe("downsample", () => {
  const series = Array.from({ length: 5000 }, (_, i) => ({ t: i, v: 120 + 10 * Math.sin(i / 200) }));

  it("returns at most the target, first and last points included, in time order", () => {
    const out = downsample(series, 500);
    expect(out).toHaveLength(500);
    expect(out[0]).toEqual(series[0]);
    expect(out.at(-1)).toEqual(series.at(-1));
    expect(out.every((point, i) => i === 0 || point.t > out[i - 1]!.t)).toBe(true);
  });

  it("keeps a one-sample spike that averaging would flatten", () => {
    const spiked = series.map((point) => (point.t === 2345 ? { ...point, v: 199 } : point));
    expect(downsample(spiked, 500).some((point) => point.v === 199)).toBe(true);
  });

  it("leaves a short series alone", () => {
    expect(downsample(series.slice(0, 120), 500)).toEqual(series.slice(0, 120));
  });
});

describe("ticks", () => {
  it("picks round values inside the range", () => {
    expect(niceTicks(61, 172, 4)).toEqual([80, 100, 120, 140, 160]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(240, 330, 4)).toEqual([240, 260, 280, 300, 320]);
    expect(niceTicks(5, 5)).toEqual([5]);
  });

  it("marks elapsed time in whole minutes or hours", () => {
    expect(timeTicks(2700)).toEqual([0, 600, 1200, 1800, 2400]);
    expect(timeTicks(4 * 3600)).toEqual([0, 3600, 7200, 10_800, 14_400]);
    expect(timeTicks(0)).toEqual([0]);
  });
});
