import { describe, expect, it } from "vitest";
import { decodePolyline } from "@/lib/geo/polyline";
import type { ParsedActivityFile } from "../types";
import { activityRecordFromFile } from "./activity-record";

const START = new Date("2025-04-06T08:00:00Z");
const SHA = "a".repeat(64);

function parsed(overrides: Partial<ParsedActivityFile> = {}): ParsedActivityFile {
  return {
    format: "fit",
    type: "ride",
    providerType: "cycling/road",
    name: null,
    startAt: START,
    durationS: 3600,
    movingTimeS: 3500,
    distanceM: 30_000,
    elevationGainM: 210,
    energyKcal: 800,
    avgHeartRateBpm: 142,
    maxHeartRateBpm: 171,
    avgPowerW: 205,
    avgSpeedMps: 8.3,
    maxSpeedMps: 14.2,
    device: "Edge 530",
    laps: [],
    points: Array.from({ length: 600 }, (_, i) => ({
      time: new Date(START.getTime() + i * 1000),
      lat: 52.5 + i * 0.0001,
      lon: i < 300 ? 13.4 : 13.4 + (i - 300) * 0.0001,
    })),
    warnings: [],
    ...overrides,
  };
}

describe("activityRecordFromFile", () => {
  it("keys the row by the file's hash and carries the summary over in SI units", () => {
    const record = activityRecordFromFile(parsed(), { sha256: SHA, fileName: "ride.fit" });
    expect(record).toMatchObject({
      externalId: SHA,
      type: "ride",
      providerType: "cycling/road",
      startAt: START,
      durationS: 3600,
      movingTimeS: 3500,
      distanceM: 30_000,
      elevationGainM: 210,
      avgPowerW: 205,
      maxSpeedMps: 14.2,
      device: "Edge 530",
      raw: { file: { sha256: SHA, format: "fit" }, laps: 0, warnings: [] },
    });
  });

  it("draws the route from the track, thinned to its shape", () => {
    const route = decodePolyline(activityRecordFromFile(parsed(), { sha256: SHA, fileName: null }).polyline!);
    expect(route.length).toBeLessThan(10);
    expect(route[0]).toEqual([52.5, 13.4]);
    expect(route.at(-1)).toEqual([52.5599, 13.4299]);
    expect(activityRecordFromFile(parsed({ points: [] }), { sha256: SHA, fileName: null }).polyline).toBeNull();
  });

  it("names the activity from the file when the file carries no name of its own", () => {
    const named = (name: string | null, fileName: string | null) =>
      activityRecordFromFile(parsed({ name }), { sha256: SHA, fileName }).name;
    expect(named("Havel loop", "x.gpx")).toBe("Havel loop");
    expect(named(null, "Morning Ride.fit.gz")).toBe("Morning Ride");
    expect(named("  ", "evening.TCX")).toBe("evening");
    expect(named(null, null)).toBeNull();
    expect(named(null, ".fit")).toBeNull();
  });
});
