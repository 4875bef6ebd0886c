import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { activitySamples, activityTotals, buildTcx } from "@tests/fixtures/activity-files";
import { parseActivityFile } from "./index";

const start = new Date("2024-09-14T16:45:00Z");
const parseTcx = (text: string) => parseActivityFile(new TextEncoder().encode(text), "tcx");

function expectInvalid(run: () => unknown, message: RegExp) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe("INVALID_INPUT");
  expect((caught as AppError).message).toMatch(message);
}

describe("parseActivityFile (TCX)", () => {
  it("reads every lap's totals and every trackpoint of a multi-lap run (ns3: extensions)", () => {
    const options = { start, seconds: 1800, laps: 3, withCadence: true, withPower: true };
    const parsed = parseTcx(buildTcx(options));
    const { laps, session } = activityTotals(options);
    const samples = activitySamples(options);

    expect(parsed).toMatchObject({
      format: "tcx",
      type: "run",
      providerType: "Running",
      device: "Forerunner 945",
      startAt: start,
      durationS: 1800,
      movingTimeS: 1800,
      energyKcal: laps.reduce((total, lap) => total + lap.energyKcal, 0),
      maxHeartRateBpm: session.maxHeartRateBpm,
      warnings: [],
    });
    expect(parsed.distanceM).toBeCloseTo(session.distanceM, 6);
    expect(parsed.avgSpeedMps).toBeCloseTo(session.distanceM / 1800, 6);
    expect(parsed.laps).toHaveLength(3);
    parsed.laps.forEach((lap, i) => {
      expect(lap).toMatchObject({
        startAt: laps[i]!.startAt,
        durationS: 600,
        distanceM: laps[i]!.distanceM,
        energyKcal: laps[i]!.energyKcal,
        avgHeartRateBpm: laps[i]!.avgHeartRateBpm,
        maxHeartRateBpm: laps[i]!.maxHeartRateBpm,
        avgSpeedMps: laps[i]!.avgSpeedMps,
        avgPowerW: laps[i]!.avgPowerW,
        avgCadence: laps[i]!.avgCadence,
      });
    });
    expect(parsed.points).toHaveLength(samples.length);
    const at = 1234;
    expect(parsed.points[at]).toEqual({
      time: samples[at]!.time,
      lat: samples[at]!.lat,
      lon: samples[at]!.lon,
      altitudeM: samples[at]!.altitudeM,
      distanceM: samples[at]!.distanceM,
      heartRateBpm: samples[at]!.heartRateBpm,
      speedMps: samples[at]!.speedMps,
      powerW: samples[at]!.powerW,
      cadence: samples[at]!.cadence,
    });
  });

  it("reads a ride written with ax: prefixes and bike cadence on the trackpoint", () => {
    const options = { start, seconds: 600, sport: "cycling", withCadence: true, withPower: true } as const;
    const parsed = parseTcx(buildTcx({ ...options, extensionPrefix: "ax" }));
    const samples = activitySamples(options);
    expect(parsed).toMatchObject({ type: "ride", providerType: "Biking" });
    expect(parsed.points[300]).toMatchObject({ powerW: samples[300]!.powerW, cadence: samples[300]!.cadence });
    expect(parsed.laps[0]!.avgCadence).toBe(activityTotals(options).laps[0]!.avgCadence);
    const powers = samples.map((s) => s.powerW!);
    expect(parsed.avgPowerW).toBeCloseTo(powers.reduce((a, b) => a + b, 0) / powers.length, 6);
  });

  it("reads a summary-only file (laps without trackpoints), as treadmills and manual entries write", () => {
    const parsed = parseTcx(`<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities><Activity Sport="Other"><Id>2024-09-14T16:45:00Z</Id>
    <Lap StartTime="2024-09-14T16:45:00Z"><TotalTimeSeconds>1500</TotalTimeSeconds><DistanceMeters>0</DistanceMeters>
      <Calories>210</Calories><AverageHeartRateBpm><Value>128</Value></AverageHeartRateBpm></Lap>
    <Lap StartTime="2024-09-14T17:10:00Z"><TotalTimeSeconds>500</TotalTimeSeconds><Calories>90</Calories>
      <AverageHeartRateBpm><Value>148</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>171</Value></MaximumHeartRateBpm></Lap>
  </Activity></Activities>
</TrainingCenterDatabase>`);
    expect(parsed).toMatchObject({
      type: "other",
      providerType: "Other",
      startAt: start,
      durationS: 2000,
      movingTimeS: 2000,
      distanceM: 0,
      energyKcal: 300,
      maxHeartRateBpm: 171,
      points: [],
      device: null,
    });
    expect(parsed.avgHeartRateBpm).toBeCloseTo((128 * 1500 + 148 * 500) / 2000, 6);
    expect(parsed.laps).toHaveLength(2);
  });

  it("refuses a file with no laps and no trackpoints, and a file that is not TCX", () => {
    expectInvalid(
      () =>
        parseTcx(
          `<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2024-09-14T16:45:00Z</Id></Activity></Activities></TrainingCenterDatabase>`,
        ),
      /no laps and no track points/,
    );
    expectInvalid(() => parseTcx(`<TrainingCenterDatabase><Courses/></TrainingCenterDatabase>`), /no laps/);
    expectInvalid(() => parseTcx(`<gpx version="1.1"/>`), /no <TrainingCenterDatabase> root/);
  });

  it("drops trackpoints at impossible positions and keeps those without one (indoor)", () => {
    const point = (second: number, position: string) =>
      `<Trackpoint><Time>2024-09-14T16:45:${String(second).padStart(2, "0")}Z</Time>${position}<HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>`;
    const position = (lat: number, lon: number) =>
      `<Position><LatitudeDegrees>${lat}</LatitudeDegrees><LongitudeDegrees>${lon}</LongitudeDegrees></Position>`;
    const parsed = parseTcx(`<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>x</Id>
      <Lap StartTime="2024-09-14T16:45:00Z"><TotalTimeSeconds>5</TotalTimeSeconds><Track>
        ${point(0, position(50, 5))}${point(1, position(-91, 5))}${point(2, "")}${point(3, position(50, 181))}
      </Track></Lap></Activity></Activities></TrainingCenterDatabase>`);
    expect(parsed.points.map((p) => p.time.getUTCSeconds())).toEqual([0, 2]);
    expect(parsed.points[1]!.lat).toBeUndefined();
    expect(parsed.warnings).toContain("2 points with an impossible position were left out.");
  });

  it("leaves entities unexpanded and warns when a file holds several activities", () => {
    const one = buildTcx({ start, seconds: 60 });
    const activity = /<Activity [\s\S]*<\/Activity>/.exec(one)![0];
    const doubled = one
      .replace(activity, `${activity}${activity}`)
      .replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>`,
      )
      .replace("Forerunner 945", "&b;");
    const parsed = parseTcx(doubled);
    expect(parsed.device).toBe("&b;");
    expect(parsed.warnings).toEqual(["The file holds 2 activities; only the first was read."]);
  });
});
