import { Encoder, type FileIdMesg, type RecordMesg, type SessionMesg } from "@garmin/fitsdk";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { activitySamples, activityTotals, buildFitActivity } from "@tests/fixtures/activity-files";
import { parseActivityFile } from "./index";

const start = new Date("2024-05-04T06:30:00Z");

function expectInvalid(run: () => unknown, message: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_INPUT");
    expect((error as AppError).message).toMatch(message);
    return;
  }
  throw new Error("expected INVALID_INPUT");
}

describe("parseActivityFile (FIT)", () => {
  it("reads back what the encoder wrote: summary, laps, device and every record", () => {
    const options = {
      start,
      seconds: 2400,
      sport: "cycling",
      subSport: "road",
      withPower: true,
      withCadence: true,
      laps: 4,
    } as const;
    const parsed = parseActivityFile(buildFitActivity(options), "fit");
    const samples = activitySamples(options);
    const { session, laps } = activityTotals(options);

    expect(parsed).toMatchObject({
      format: "fit",
      type: "ride",
      providerType: "cycling/road",
      startAt: start,
      durationS: 2400,
      movingTimeS: 2400,
      distanceM: session.distanceM,
      elevationGainM: session.ascentM,
      energyKcal: session.energyKcal,
      avgHeartRateBpm: session.avgHeartRateBpm,
      maxHeartRateBpm: session.maxHeartRateBpm,
      avgPowerW: session.avgPowerW,
      device: "garmin fr945",
      warnings: [],
    });
    expect(parsed.avgSpeedMps).toBeCloseTo(session.avgSpeedMps, 3);
    expect(parsed.laps).toHaveLength(4);
    expect(parsed.laps.map((lap) => lap.startAt)).toEqual(laps.map((lap) => lap.startAt));
    expect(parsed.laps[2]).toMatchObject({
      durationS: 600,
      distanceM: laps[2]!.distanceM,
      avgHeartRateBpm: laps[2]!.avgHeartRateBpm,
      avgPowerW: laps[2]!.avgPowerW,
      avgCadence: laps[2]!.avgCadence,
    });

    expect(parsed.points).toHaveLength(samples.length);
    parsed.points.forEach((point, i) => {
      const sample = samples[i]!;
      expect(point.time).toEqual(sample.time);
      expect(Math.abs(point.lat! - sample.lat!)).toBeLessThan(1e-6);
      expect(Math.abs(point.lon! - sample.lon!)).toBeLessThan(1e-6);
      expect(point.heartRateBpm).toBe(sample.heartRateBpm);
      expect(point.powerW).toBe(sample.powerW);
      expect(point.cadence).toBe(sample.cadence);
      expect(point.speedMps).toBeCloseTo(sample.speedMps, 3);
      expect(point.distanceM).toBeCloseTo(sample.distanceM, 2);
      expect(point.altitudeM).toBeCloseTo(sample.altitudeM!, 1);
    });
  });

  it("maps sub-sports to our types and leaves readings a file lacks undefined, not 0", () => {
    const parsed = parseActivityFile(
      buildFitActivity({ start, seconds: 600, sport: "running", subSport: "treadmill", withPosition: false }),
      "fit",
    );
    expect(parsed.type).toBe("treadmill_run");
    expect(parsed.providerType).toBe("running/treadmill");
    expect(parsed.avgPowerW).toBeNull();
    expect(parsed.points[10]!.lat).toBeUndefined();
    expect(parsed.points[10]!.powerW).toBeUndefined();
  });

  it("keeps what a truncated file holds and says how much was read", () => {
    const bytes = buildFitActivity({ start, seconds: 3600 });
    const parsed = parseActivityFile(bytes.subarray(0, Math.floor(bytes.length * 0.6)), "fit");
    expect(parsed.startAt).toEqual(start);
    expect(parsed.points.length).toBeGreaterThan(1000);
    expect(parsed.points.length).toBeLessThan(3601);
    const minutes = Math.floor((parsed.points.at(-1)!.time.getTime() - start.getTime()) / 60_000);
    expect(parsed.warnings).toContain(`The file ends early (truncated); the first ${minutes} minutes were read.`);
    expect(parsed.warnings.join(" ")).toMatch(/no session summary/);
    // The totals come from the records that survived.
    expect(parsed.durationS).toBe((parsed.points.at(-1)!.time.getTime() - start.getTime()) / 1000);
    expect(parsed.distanceM).toBe(parsed.points.at(-1)!.distanceM);
    expect(parsed.avgHeartRateBpm).toBeGreaterThan(130);
  });

  it("reports a checksum mismatch but keeps the activity when one data byte is flipped", () => {
    const bytes = buildFitActivity({ start, seconds: 600 });
    const damaged = Uint8Array.from(bytes);
    damaged[damaged.length - 3]! ^= 0xff; // inside the last message's data, before the CRC
    const parsed = parseActivityFile(damaged, "fit");
    expect(parsed.warnings.join(" ")).toMatch(/checksum does not match/);
    expect(parsed.distanceM).toBe(parseActivityFile(bytes, "fit").distanceM);
  });

  it("answers every flipped byte with a result carrying warnings or a clear INVALID_INPUT", () => {
    const bytes = buildFitActivity({ start, seconds: 120, withPower: true });
    for (let at = 14; at < bytes.length - 2; at += 7) {
      const damaged = Uint8Array.from(bytes);
      damaged[at]! ^= 0x5a;
      try {
        const parsed = parseActivityFile(damaged, "fit");
        expect(parsed.warnings.length, `byte ${at}`).toBeGreaterThan(0);
      } catch (error) {
        expect(error, `byte ${at}`).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("INVALID_INPUT");
      }
    }
  });

  it("refuses a valid but empty FIT file", () => {
    const empty = new Encoder().close();
    expect(empty.length).toBe(16);
    expectInvalid(() => parseActivityFile(empty, "fit"), /no session and no records/);
  });

  it("refuses bytes that are not FIT and a FIT file that is not an activity", () => {
    expectInvalid(
      () => parseActivityFile(new TextEncoder().encode("<gpx></gpx> and some more text"), "fit"),
      /not a FIT file/,
    );
    const encoder = new Encoder();
    const fileId: FileIdMesg = { type: "course", manufacturer: "development", product: 0, timeCreated: start };
    encoder.onMesg(0, fileId);
    expectInvalid(() => parseActivityFile(encoder.close(), "fit"), /course file, not a recorded activity/);
  });

  it("summarizes every session of a multisport file, weighting averages by time", () => {
    const encoder = new Encoder();
    const fileId: FileIdMesg = { type: "activity", manufacturer: "development", product: 0, timeCreated: start };
    encoder.onMesg(0, fileId);
    const legs = [
      { sport: "swimming", seconds: 1200, metres: 1500, hr: 130 },
      { sport: "transition", seconds: 120, metres: 200, hr: 140 },
      { sport: "cycling", seconds: 3600, metres: 40_000, hr: 145 },
      { sport: "running", seconds: 2400, metres: 10_000, hr: 160 },
    ] as const;
    let at = start.getTime();
    legs.forEach((leg, index) => {
      const record: RecordMesg = { timestamp: new Date(at), heartRate: leg.hr };
      encoder.onMesg(20, record);
      const session: SessionMesg = {
        messageIndex: index,
        startTime: new Date(at),
        timestamp: new Date(at + leg.seconds * 1000),
        totalElapsedTime: leg.seconds,
        totalTimerTime: leg.seconds,
        totalDistance: leg.metres,
        avgHeartRate: leg.hr,
        maxHeartRate: leg.hr + 10,
        sport: leg.sport,
      };
      encoder.onMesg(18, session);
      at += leg.seconds * 1000;
    });
    const parsed = parseActivityFile(encoder.close(), "fit");
    expect(parsed.type).toBe("other");
    expect(parsed.providerType).toBe("multisport");
    expect(parsed.startAt).toEqual(start);
    expect(parsed.durationS).toBe(7320);
    expect(parsed.distanceM).toBe(51_700);
    expect(parsed.maxHeartRateBpm).toBe(170);
    expect(parsed.avgHeartRateBpm).toBeCloseTo((130 * 1200 + 140 * 120 + 145 * 3600 + 160 * 2400) / 7320, 6);
    expect(parsed.avgSpeedMps).toBeCloseTo(51_700 / 7320, 6);
  });
});
