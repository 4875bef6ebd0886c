import { describe, expect, it } from "vitest";
import type { WindowSample } from "@/lib/db/queries/activity-detail";
import { activitySource } from "./source";
import { CHART_POINTS, heartRateChart, speedChart } from "./chart-data";
import { speedDisplayFor } from "./speed-display";

const start = new Date("2026-11-20T06:00:00Z");
const sample = (seconds: number, value: number, extra: Partial<WindowSample> = {}): WindowSample => ({
  metric: "heart_rate",
  time: new Date(start.getTime() + seconds * 1000),
  value,
  unit: "bpm",
  provider: "apple_health",
  sourceId: "Watch",
  ...extra,
});
const context = { start, durationS: 3600, provider: "apple_health" };

describe("heartRateChart", () => {
  it("draws one source only, preferring the activity's own provider over a denser one", () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => sample(i * 60, 140 + i)),
      ...Array.from({ length: 50 }, (_, i) => sample(i * 30 + 1, 90, { provider: "oura", sourceId: "" })),
    ];
    const chart = heartRateChart(rows, context)!;
    expect(chart.provider).toBe("apple_health");
    expect(chart.sampleCount).toBe(10);
    expect([chart.min, chart.max]).toEqual([140, 149]);
    expect(chart.points[1]).toEqual({ t: 60, v: 141 });
  });

  it("falls back to the source with the most samples when the activity's provider has none", () => {
    const rows = [
      sample(0, 100, { provider: "oura", sourceId: "" }),
      sample(5, 101, { provider: "garmin" }),
      sample(10, 102, { provider: "garmin" }),
    ];
    expect(heartRateChart(rows, { ...context, provider: "strava" })!.provider).toBe("garmin");
  });

  it("downsamples a long recording but keeps its extent and true sample count", () => {
    const rows = Array.from({ length: 3600 }, (_, i) => sample(i, i === 1800 ? 190 : 130));
    const chart = heartRateChart(rows, context)!;
    expect(chart.points).toHaveLength(CHART_POINTS);
    expect(chart.sampleCount).toBe(3600);
    expect(chart.max).toBe(190);
  });

  it("has nothing to draw without samples", () => {
    expect(heartRateChart([], context)).toBeNull();
  });
});

describe("speedChart", () => {
  const speeds = [
    sample(0, 3.3333, { metric: "running_speed", unit: "m/s" }),
    sample(60, 0, { metric: "running_speed", unit: "m/s" }),
    sample(120, 4, { metric: "running_speed", unit: "m/s" }),
  ];

  it("turns a run's speed into pace, drops the stops, and runs the axis upside down", () => {
    const chart = speedChart(speeds, { ...context, display: "pace", units: "metric" })!;
    expect(chart.title).toBe("Pace");
    expect(chart.unit).toBe("min/km");
    expect(chart.isInverted).toBe(true);
    expect(chart.points.map((point) => Math.round(point.v))).toEqual([300, 250]);
  });

  it("shows a ride's speed in the user's units", () => {
    const chart = speedChart(speeds, { ...context, display: "speed", units: "imperial" })!;
    expect(chart.unit).toBe("mph");
    expect(chart.points.map((point) => Number(point.v.toFixed(2)))).toEqual([7.46, 0, 8.95]);
  });
});

describe("speedDisplayFor and activitySource", () => {
  it("talks pace for runs and walks, per 100 for swims, speed for the rest", () => {
    expect(speedDisplayFor("trail_run")).toBe("pace");
    expect(speedDisplayFor("hike")).toBe("pace");
    expect(speedDisplayFor("open_water_swim")).toBe("swim_pace");
    expect(speedDisplayFor("gravel_ride")).toBe("speed");
  });

  it("names the source from the registry and links where the provider has public pages", () => {
    expect(activitySource("strava", "1234567")).toEqual({
      name: "Strava",
      url: "https://www.strava.com/activities/1234567",
    });
    expect(activitySource("garmin", "98765")).toEqual({
      name: "Garmin",
      url: "https://connect.garmin.com/modern/activity/98765",
    });
    expect(activitySource("garmin", "x1a2b-summary").url).toBeUndefined();
    expect(activitySource("oura", "abc").url).toBeUndefined();
    expect(activitySource("apple_health", "3F25")).toEqual({ name: "Apple Health" });
    expect(activitySource("upload", "9f86d081884c7d65")).toEqual({ name: "Uploaded file" });
  });
});
