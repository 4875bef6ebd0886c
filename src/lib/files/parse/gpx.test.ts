import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { activitySamples, buildGpx } from "@tests/fixtures/activity-files";
import { parseActivityFile } from "./index";
import { MAX_POINTS } from "./points";

const start = new Date("2024-06-01T05:00:00Z");
const encode = (text: string) => new TextEncoder().encode(text);
const parseGpx = (text: string) => parseActivityFile(encode(text), "gpx");

function gpxDocument(points: string, head = "") {
  return `<?xml version="1.0" encoding="UTF-8"?>${head}
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Test</name><trkseg>${points}</trkseg></trk></gpx>`;
}
const trkpt = (lat: number | string, lon: number | string, second: number, ele?: number) =>
  `<trkpt lat="${lat}" lon="${lon}">${ele === undefined ? "" : `<ele>${ele}</ele>`}<time>${new Date(
    start.getTime() + second * 1000,
  ).toISOString()}</time></trkpt>`;

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

describe("parseActivityFile (GPX)", () => {
  it("reads a Garmin track with gpxtpx heart rate and cadence and a power extension", () => {
    const options = { start, seconds: 1200, withCadence: true, withPower: true };
    const parsed = parseGpx(buildGpx({ ...options, name: "Tempo & hills", type: "running" }));
    const samples = activitySamples(options);
    expect(parsed).toMatchObject({
      format: "gpx",
      type: "run",
      providerType: "running",
      name: "Tempo & hills",
      device: "Garmin Connect",
      startAt: start,
      durationS: 1200,
      laps: [],
      warnings: [],
    });
    expect(parsed.points).toHaveLength(samples.length);
    expect(parsed.points[321]).toMatchObject({
      time: samples[321]!.time,
      heartRateBpm: samples[321]!.heartRateBpm,
      cadence: samples[321]!.cadence,
      powerW: samples[321]!.powerW,
    });
    expect(parsed.points[321]!.lat).toBeCloseTo(samples[321]!.lat!, 9);
    expect(parsed.points[321]!.altitudeM).toBeCloseTo(samples[321]!.altitudeM!, 1);
    // Great-circle distance agrees with the distance the samples were laid out by, within 0.5%.
    const recorded = samples.at(-1)!.distanceM;
    expect(Math.abs(parsed.distanceM! - recorded) / recorded).toBeLessThan(0.005);
    expect(parsed.avgSpeedMps).toBeCloseTo(parsed.distanceM! / 1200, 6);
    expect(parsed.maxSpeedMps).toBeGreaterThan(3.3);
    expect(parsed.maxSpeedMps).toBeLessThan(3.7);
    const heartRates = samples.map((s) => s.heartRateBpm!);
    expect(parsed.avgHeartRateBpm).toBeCloseTo(heartRates.reduce((a, b) => a + b, 0) / heartRates.length, 6);
    expect(parsed.maxHeartRateBpm).toBe(Math.max(...heartRates));
  });

  it("reads the same readings whatever the extension prefix, and none when there are no extensions", () => {
    const withNs3 = parseGpx(buildGpx({ start, seconds: 60, extensionPrefix: "ns3", withCadence: true }));
    expect(withNs3.points[30]).toMatchObject({ heartRateBpm: expect.any(Number), cadence: expect.any(Number) });
    const unprefixed = parseGpx(
      gpxDocument(
        `<trkpt lat="1" lon="2"><time>2024-06-01T05:00:00Z</time><extensions><TrackPointExtension xmlns="http://www.garmin.com/xmlschemas/TrackPointExtension/v2"><hr>151</hr><speed>3.2</speed></TrackPointExtension></extensions></trkpt>`,
      ),
    );
    expect(unprefixed.points[0]).toMatchObject({ heartRateBpm: 151, speedMps: 3.2 });
    const plain = parseGpx(buildGpx({ start, seconds: 60, extensionPrefix: null }));
    expect(plain.points[30]!.heartRateBpm).toBeUndefined();
    expect(plain.avgHeartRateBpm).toBeNull();
    expect(plain.energyKcal).toBeNull();
  });

  it("maps the track type to ours and keeps the file's own spelling", () => {
    expect(parseGpx(buildGpx({ start, seconds: 10, type: "cycling" })).type).toBe("ride");
    expect(parseGpx(buildGpx({ start, seconds: 10, type: "Mountain Biking" }))).toMatchObject({
      type: "mountain_bike",
      providerType: "Mountain Biking",
    });
    expect(parseGpx(buildGpx({ start, seconds: 10, type: "9" })).type).toBe("other");
  });

  it("counts a steady climb but not altitude jitter below the noise threshold", () => {
    const jitter = Array.from({ length: 20 }, (_, i) => trkpt(10, 10 + i * 1e-5, i, 100 + (i % 2)));
    const climb = Array.from({ length: 51 }, (_, i) => trkpt(10, 10.001 + i * 1e-5, 20 + i, 100 + i));
    const parsed = parseGpx(gpxDocument([...jitter, ...climb].join("")));
    expect(parsed.elevationGainM).toBe(50);
  });

  it("leaves out points at impossible positions and says how many", () => {
    const points = [trkpt(10, 10, 0), trkpt(95, 10, 1), trkpt(10, 200, 2), trkpt("", 10, 3), trkpt(10, 10.0001, 4)];
    const parsed = parseGpx(gpxDocument(points.join("")));
    expect(parsed.points).toHaveLength(2);
    expect(parsed.warnings).toContain("3 points with an impossible position were left out.");
  });

  it("refuses a file with no track points, and one whose points are all unusable", () => {
    expectInvalid(
      () => parseGpx(`<gpx version="1.1"><rte><rtept lat="1" lon="1"/></rte></gpx>`),
      /no track points.*routes and waypoints/,
    );
    expectInvalid(() => parseGpx(gpxDocument(`<trkpt lat="1" lon="1"></trkpt>`)), /none of its 1 track points/);
    expectInvalid(() => parseGpx(`<TrainingCenterDatabase/>`), /no <gpx> root/);
  });

  it("leaves internal entities unexpanded, so a billion-laughs file stays small and inert", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const head = `<!DOCTYPE gpx [<!ENTITY lol0 "lol">${levels}]>`;
    const bomb = gpxDocument(trkpt(1, 1, 0), head).replace("<name>Test</name>", "<name>&lol9; &amp; &#x263A;</name>");
    const parsed = parseGpx(bomb);
    expect(parsed.name).toBe("&lol9; & \u263A");
    expect(parsed.points).toHaveLength(1);
  });

  it("refuses a file that declares an external entity", () => {
    const head = `<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;
    const xxe = gpxDocument(trkpt(1, 1, 0), head).replace("<name>Test</name>", "<name>&xxe;</name>");
    expectInvalid(() => parseGpx(xxe), /cannot be read as XML: External entities are not supported/);
  });

  it("keeps the points of a file cut short and says so", () => {
    const whole = buildGpx({ start, seconds: 600 });
    const parsed = parseGpx(whole.slice(0, Math.floor(whole.length / 2)));
    expect(parsed.points.length).toBeGreaterThan(250);
    expect(parsed.points.length).toBeLessThan(350);
    const minutes = Math.floor((parsed.points.at(-1)!.time.getTime() - start.getTime()) / 60_000);
    expect(parsed.warnings).toContain(`The file ends early (truncated); the first ${minutes} minutes were read.`);
    expect(parseGpx(`${whole}<!-- exported -->\n`).warnings).toEqual([]);
  });

  it("reads a file that starts with a byte-order mark", () => {
    const parsed = parseGpx(`\uFEFF${buildGpx({ start, seconds: 5 })}`);
    expect(parsed.points).toHaveLength(6);
  });

  // A 14 MB document: slow on a busy machine, so it gets more than the default 30 s.
  it(`keeps the first ${MAX_POINTS} points of a larger file and warns`, () => {
    const extra = 7;
    const one = (i: number) =>
      `<trkpt lat="1" lon="${(i * 1e-6).toFixed(6)}"><time>${new Date(start.getTime() + i * 1000).toISOString()}</time></trkpt>`;
    const points: string[] = [];
    for (let i = 0; i < MAX_POINTS + extra; i++) points.push(one(i));
    const parsed = parseGpx(gpxDocument(points.join("")));
    expect(parsed.points).toHaveLength(MAX_POINTS);
    expect(parsed.warnings).toContain(
      `The file has more than ${MAX_POINTS.toLocaleString("en")} points; the ${extra} after them were left out.`,
    );
  }, 120_000);
});
