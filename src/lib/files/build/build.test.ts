import { Decoder, Stream } from "@garmin/fitsdk";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { ActivityDetailRow, WindowSample } from "@/lib/db/queries/activity-detail";
import { encodePolyline, type LatLon } from "@/lib/geo/polyline";
import { buildActivityFile, canBuildActivityFile, GENERATED_DESCRIPTION, type ActivityFileInput } from ".";

const start = new Date("2026-11-20T06:00:00Z");
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
// Three points 1 km apart due north, then back east: a 2 km route.
const route: LatLon[] = [
  [52.5, 13.4],
  [52.50899, 13.4],
  [52.50899, 13.41476],
];

function activity(overrides: Partial<ActivityDetailRow> = {}): ActivityDetailRow {
  return {
    id: "0f0e0d0c-0000-4000-8000-000000000001",
    provider: "strava",
    externalId: "123",
    type: "trail_run",
    providerType: "TrailRun",
    name: "Dawn <trail> & hills",
    startAt: start,
    utcOffsetSeconds: 3600,
    durationS: 600,
    movingTimeS: 580,
    distanceM: 2000,
    elevationGainM: 42,
    energyKcal: 150,
    avgHeartRateBpm: 151,
    maxHeartRateBpm: 170,
    avgPowerW: null,
    avgSpeedMps: 3.4,
    maxSpeedMps: 4.1,
    device: null,
    polyline: encodePolyline(route),
    ...overrides,
  };
}

const sample = (metric: string, seconds: number, value: number, unit: string): WindowSample => ({
  metric,
  time: at(seconds),
  value,
  unit,
  provider: "strava",
  sourceId: "",
});

function input(overrides: Partial<ActivityDetailRow> = {}, samples?: WindowSample[]): ActivityFileInput {
  return {
    activity: activity(overrides),
    samples: samples ?? [
      sample("heart_rate", 0, 120, "bpm"),
      sample("heart_rate", 150, 150, "bpm"),
      sample("heart_rate", 600, 170, "bpm"),
      sample("speed", 300, 3.5, "m/s"),
    ],
  };
}

function decode(bytes: Uint8Array) {
  const stream = Stream.fromByteArray(Array.from(bytes));
  expect(Decoder.isFIT(stream)).toBe(true);
  const decoder = new Decoder(stream);
  expect(decoder.checkIntegrity()).toBe(true);
  return decoder.read();
}

// The decoder hands back Dates (its default) and raw semicircles.
const secondsIn = (record: { timestamp?: unknown }) => ((record.timestamp as Date).getTime() - start.getTime()) / 1000;
const degrees = (semicircles: number | undefined) => (semicircles ?? NaN) * (180 / 2 ** 31);

describe("generated FIT", () => {
  it("decodes with the Garmin SDK into one session of the right sport, start and duration", () => {
    const { messages, errors } = decode(buildActivityFile(input(), "fit"));
    expect(errors).toEqual([]);
    expect(messages.fileIdMesgs?.[0]).toMatchObject({
      type: "activity",
      manufacturer: "development",
      productName: GENERATED_DESCRIPTION,
      timeCreated: start,
    });
    expect(messages.sessionMesgs).toHaveLength(1);
    expect(messages.sessionMesgs![0]).toMatchObject({
      sport: "running",
      subSport: "trail",
      startTime: start,
      totalElapsedTime: 600,
      totalTimerTime: 580,
      totalDistance: 2000,
      totalCalories: 150,
      avgHeartRate: 151,
      maxHeartRate: 170,
      numLaps: 1,
    });
    expect(messages.lapMesgs).toHaveLength(1);
    expect(messages.activityMesgs?.[0]).toMatchObject({ numSessions: 1, timestamp: at(600) });
    const timerEvents = messages.eventMesgs!.map((event) => [event.event, event.eventType]);
    expect(timerEvents).toEqual([
      ["timer", "start"],
      ["timer", "stopAll"],
    ]);
  });

  it("records heart rate where it was measured and positions along the route", () => {
    const { messages } = decode(buildActivityFile(input(), "fit"));
    const records = messages.recordMesgs!;
    const heartRates = records.flatMap((record) =>
      record.heartRate === undefined ? [] : [[secondsIn(record), record.heartRate]],
    );
    expect(heartRates).toEqual([
      [0, 120],
      [150, 150],
      [600, 170],
    ]);
    expect(records.find((record) => record.speed !== undefined)).toMatchObject({ timestamp: at(300), speed: 3.5 });
    const first = records[0]!;
    const last = records.at(-1)!;
    expect(degrees(first.positionLat)).toBeCloseTo(52.5, 5);
    expect(degrees(last.positionLat)).toBeCloseTo(52.50899, 5);
    expect(degrees(last.positionLong)).toBeCloseTo(13.41476, 5);
    expect(last.distance).toBeCloseTo(2000, 0);
    // Halfway through the time is halfway along the route: the corner, 1 km in.
    const middle = records.find((record) => secondsIn(record) === 300)!;
    expect(degrees(middle.positionLat)).toBeCloseTo(52.50899, 3);
    expect(middle.distance).toBeCloseTo(1000, -1);
    // Time only moves forward.
    const times = records.map(secondsIn);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("builds a FIT without a route or samples from the summary alone", () => {
    const { messages, errors } = decode(buildActivityFile(input({ polyline: null, type: "strength" }, []), "fit"));
    expect(errors).toEqual([]);
    expect(messages.sessionMesgs![0]).toMatchObject({ sport: "training", subSport: "strengthTraining" });
    expect(messages.recordMesgs!.map((record) => record.timestamp)).toEqual([start, at(600)]);
    expect(messages.recordMesgs!.every((record) => record.positionLat === undefined)).toBe(true);
  });

  it("builds the same bytes every time, so an export can resume by range", () => {
    expect(Buffer.from(buildActivityFile(input(), "fit"))).toEqual(Buffer.from(buildActivityFile(input(), "fit")));
  });

  it("prefers the activity's own device when two sources measured heart rate", () => {
    const watch = (seconds: number, value: number): WindowSample => ({
      ...sample("heart_rate", seconds, value, "bpm"),
      provider: "apple_health",
      sourceId: "Watch",
    });
    const samples = [sample("heart_rate", 10, 130, "bpm"), watch(10, 99), watch(20, 98), watch(30, 97)];
    const { messages } = decode(buildActivityFile(input({}, samples), "fit"));
    expect(messages.recordMesgs!.flatMap((record) => record.heartRate ?? [])).toEqual([130]);
  });

  it("keeps out-of-range values inside FIT's fields instead of wrapping them", () => {
    const { messages, errors } = decode(
      buildActivityFile(input({ energyKcal: 1e9, maxHeartRateBpm: 400, avgHeartRateBpm: -3 }, []), "fit"),
    );
    expect(errors).toEqual([]);
    expect(messages.sessionMesgs![0]).toMatchObject({ totalCalories: 0xfffe, maxHeartRate: 254, avgHeartRate: 0 });
  });
});

describe("generated GPX", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
  type Point = { "@lat": string; "@lon": string; time: string; extensions?: Record<string, Record<string, number>> };

  it("parses as GPX 1.1 with the route's points, times and heart rate", () => {
    const text = new TextDecoder().decode(buildActivityFile(input(), "gpx"));
    const gpx = parser.parse(text).gpx;
    expect(gpx["@version"]).toBe("1.1");
    expect(gpx.metadata.desc).toBe(GENERATED_DESCRIPTION);
    expect(gpx.trk.name).toBe("Dawn <trail> & hills");
    const points = gpx.trk.trkseg.trkpt as Point[];
    expect(points[0]).toMatchObject({ "@lat": "52.5000000", "@lon": "13.4000000", time: "2026-11-20T06:00:00Z" });
    expect(points.at(-1)).toMatchObject({ "@lat": "52.5089900", "@lon": "13.4147600", time: "2026-11-20T06:10:00Z" });
    const heartRates = points.flatMap((point) =>
      point.extensions ? [[point.time, point.extensions["gpxtpx:TrackPointExtension"]!["gpxtpx:hr"]]] : [],
    );
    expect(heartRates).toEqual([
      ["2026-11-20T06:00:00Z", 120],
      ["2026-11-20T06:02:30Z", 150],
      ["2026-11-20T06:10:00Z", 170],
    ]);
  });

  it("refuses an activity without a route, which has no positions to list", () => {
    expect(canBuildActivityFile({ activity: activity({ polyline: null }) }, "gpx")).toBe(false);
    expect(canBuildActivityFile({ activity: activity({ polyline: null }) }, "fit")).toBe(true);
    expect(() => buildActivityFile(input({ polyline: null }), "gpx")).toThrow(/no route/);
  });
});
