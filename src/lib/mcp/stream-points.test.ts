import { describe, expect, it } from "vitest";
import { compactStreams } from "./stream-points";

const START = "2026-11-20T06:00:00.000Z";
const times = (count: number) =>
  Array.from({ length: count }, (_, index) => new Date(Date.parse(START) + index * 1000).toISOString());

describe("compactStreams", () => {
  it("keeps latitude and longitude at the same instants, so the route's points stay pairs", () => {
    const count = 2000;
    const series = ["latitude", "longitude"].map((metric, offset) => ({
      metric,
      source: "garmin",
      unit: "deg",
      times: times(count),
      values: Array.from({ length: count }, (_, index) => Math.sin(index / (7 + offset * 3)) + offset * 50),
    }));
    const [latitude, longitude] = compactStreams(series, START, 100);
    expect(latitude!.points).toHaveLength(100);
    expect(latitude!.recordedPoints).toBe(count);
    expect(latitude!.points.map(([second]) => second)).toEqual(longitude!.points.map(([second]) => second));
    expect(latitude!.points.at(-1)![0]).toBe(count - 1);
  });

  it("keeps a short spike in heart rate that an even pick would miss", () => {
    const values = Array.from({ length: 1000 }, (_, index) => (index === 503 ? 195 : 130));
    const [heartRate] = compactStreams(
      [{ metric: "heart_rate", source: "garmin", unit: "bpm", times: times(1000), values }],
      START,
      50,
    );
    expect(heartRate!.points).toHaveLength(50);
    expect(heartRate!.points).toContainEqual([503, 195]);
  });

  it("leaves a stream shorter than the bound as recorded", () => {
    const [power] = compactStreams(
      [{ metric: "power", source: "upload", unit: "W", times: times(3), values: [200, 250, 210] }],
      START,
      500,
    );
    expect(power!.points).toEqual([
      [0, 200],
      [1, 250],
      [2, 210],
    ]);
  });
});
