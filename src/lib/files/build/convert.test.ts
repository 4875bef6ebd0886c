import { describe, expect, it } from "vitest";
import { activitySamples, buildFitActivity, buildGpx } from "@tests/fixtures/activity-files";
import type { ActivityDetailRow } from "@/lib/db/queries/activity-detail";
import { parseActivityFile } from "../parse";
import { buildActivityFile, canBuildActivityFile, GENERATED_DESCRIPTION } from ".";

const start = new Date("2024-03-10T07:00:00Z");
const options = { start, seconds: 600, sport: "cycling", withPower: true, withCadence: true } as const;
const activity: ActivityDetailRow = {
  id: "0f0e0d0c-0000-4000-8000-000000000002",
  provider: "garmin",
  externalId: "1",
  type: "ride",
  providerType: "cycling",
  name: "Commute",
  startAt: start,
  utcOffsetSeconds: 3600,
  durationS: 600,
  movingTimeS: 600,
  distanceM: null,
  elevationGainM: null,
  energyKcal: null,
  avgHeartRateBpm: null,
  maxHeartRateBpm: null,
  avgPowerW: null,
  avgSpeedMps: null,
  maxSpeedMps: null,
  device: null,
  // No summary polyline: the route is only in the recording.
  polyline: null,
};

describe("generated files from a kept original", () => {
  const original = parseActivityFile(buildFitActivity(options), "fit");
  const expected = activitySamples(options);

  it("converts a FIT recording to a GPX with its own positions, elevation, heart rate and cadence", () => {
    expect(canBuildActivityFile({ activity }, "gpx")).toBe(false);
    expect(canBuildActivityFile({ activity, track: original.points }, "gpx")).toBe(true);
    const gpx = parseActivityFile(buildActivityFile({ activity, samples: [], track: original.points }, "gpx"), "gpx");
    expect(gpx.warnings).toEqual([]);
    expect(gpx.points).toHaveLength(expected.length);
    const [first, last] = [gpx.points[0]!, gpx.points.at(-1)!];
    expect(first.time).toEqual(expected[0]!.time);
    expect(first.lat).toBeCloseTo(expected[0]!.lat!, 6);
    expect(last.lon).toBeCloseTo(expected.at(-1)!.lon!, 6);
    expect(last.altitudeM).toBeCloseTo(expected.at(-1)!.altitudeM!, 1);
    expect(gpx.points.map((point) => point.heartRateBpm)).toEqual(expected.map((sample) => sample.heartRateBpm));
    expect(gpx.points.map((point) => point.cadence)).toEqual(expected.map((sample) => sample.cadence));
  });

  it("converts a GPX upload to a FIT with the same points, heart rate and the distance they cover", () => {
    const uploaded = parseActivityFile(new TextEncoder().encode(buildGpx(options)), "gpx");
    const fit = parseActivityFile(buildActivityFile({ activity, samples: [], track: uploaded.points }, "fit"), "fit");
    expect(fit.warnings).toEqual([]);
    expect(fit.type).toBe("ride");
    expect(fit.points).toHaveLength(uploaded.points.length);
    expect(fit.points.map((point) => point.heartRateBpm)).toEqual(uploaded.points.map((point) => point.heartRateBpm));
    expect(fit.points.at(-1)!.lat).toBeCloseTo(uploaded.points.at(-1)!.lat!, 6);
    // The distance the positions cover, as the session's total when the summary has none.
    expect(fit.distanceM).toBeGreaterThan(0);
  });

  it("keeps power and cadence when a FIT is rebuilt from a FIT", () => {
    const bytes = buildActivityFile({ activity, samples: [], track: original.points }, "fit");
    const rebuilt = parseActivityFile(bytes, "fit");
    expect(rebuilt.points.map((point) => point.powerW)).toEqual(expected.map((sample) => sample.powerW));
    expect(rebuilt.points.map((point) => point.cadence)).toEqual(expected.map((sample) => sample.cadence));
    expect(new TextDecoder().decode(bytes)).toContain(GENERATED_DESCRIPTION);
  });
});
