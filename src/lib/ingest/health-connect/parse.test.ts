import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { FIT, body, exerciseRow, watchMetadata } from "./fixtures";
import { parseHealthConnect } from "./parse";

const WATCH = `${FIT}/Pixel Watch 2`;
const batchOf = (result: ReturnType<typeof parseHealthConnect>, sourceId: string) =>
  result.batches.find((batch) => batch.sourceId === sourceId)?.records;

describe("parseHealthConnect", () => {
  it("groups records by the app and device that wrote them; rows without metadata are Health Connect's merged totals", () => {
    const result = parseHealthConnect(body);
    expect(result.rejected).toEqual([]);
    expect(result.batches.map((batch) => batch.sourceId)).toEqual([
      "health-connect",
      WATCH,
      "com.sec.android.app.shealth",
      "com.withings.wiscale2/Body+",
    ]);
    expect(batchOf(result, "health-connect")?.samples?.map((sample) => sample.metric)).toEqual([
      "step_count",
      "heart_rate",
    ]);
    expect(batchOf(result, WATCH)).toMatchObject({
      samples: [{ metric: "heart_rate" }, { metric: "heart_rate" }],
      activities: [{ type: "run" }],
    });
    expect(batchOf(result, "com.sec.android.app.shealth")?.sleepSessions).toHaveLength(1);
    expect(batchOf(result, "com.withings.wiscale2/Body+")?.bodyMeasurements).toHaveLength(1);
  });

  it("keeps the steps daily total as an interval sample from local midnight to the read time", () => {
    const [steps] = batchOf(parseHealthConnect(body), "health-connect")!.samples!;
    expect(steps).toEqual({
      metric: "step_count",
      time: new Date("2025-03-01T23:00:00Z"),
      endTime: new Date("2025-03-02T09:30:00Z"),
      value: 1834,
      unit: "count",
      meta: null,
    });
  });

  it("keeps heart-rate samples at their instants, and a bucket as its average with min and max", () => {
    const result = parseHealthConnect(body);
    expect(batchOf(result, WATCH)!.samples).toEqual([
      { metric: "heart_rate", time: new Date("2025-03-02T06:58:10Z"), value: 64, unit: "bpm", meta: null },
      { metric: "heart_rate", time: new Date("2025-03-02T06:58:15.250Z"), value: 66, unit: "bpm", meta: null },
    ]);
    expect(batchOf(result, "health-connect")!.samples![1]).toEqual({
      metric: "heart_rate",
      time: new Date("2025-03-02T07:00:00Z"),
      value: 71,
      unit: "bpm",
      meta: { min: 66, max: 79 },
    });
  });

  it("rejects a bad row by its path and reason while the rest of the body parses", () => {
    const result = parseHealthConnect({
      ...body,
      heart_rate: [
        { bpm: "64", time: "2025-03-02T06:58:10Z" },
        { bpm: 60, time: "yesterday" },
        { time: "2025-03-02T07:00:00Z" },
        { bpm: 61, time: "2025-03-02T07:01:00Z" },
      ],
      exercise: [{ ...exerciseRow, end_time: "2025-03-02T05:00:00Z" }],
      steps: [...body.steps, { count: -5, start_time: "2025-03-01T23:00:00Z", end_time: "2025-03-02T00:00:00Z" }],
    });
    expect(result.rejected).toEqual([
      { path: "steps[1]", reason: expect.stringMatching(/^count: .*>=0/) },
      { path: "heart_rate[0]", reason: expect.stringMatching(/^bpm: .*expected number/) },
      { path: "heart_rate[1]", reason: expect.stringMatching(/^time: .*datetime/) },
      { path: "heart_rate[2]", reason: "no value: expected bpm" },
      { path: "exercise[0]", reason: "end_time: end_time is before start_time" },
    ]);
    expect(batchOf(result, "health-connect")!.samples!.map((sample) => sample.value)).toEqual([1834, 61]);
    expect(batchOf(result, "com.sec.android.app.shealth")!.sleepSessions).toHaveLength(1);
  });

  it("throws a ZodError naming the field when the body is not HC Webhook's", () => {
    const healthAutoExport = { data: { metrics: [], workouts: [] } };
    expect(() => parseHealthConnect(healthAutoExport)).toThrow(ZodError);
    expect(() => parseHealthConnect(healthAutoExport)).toThrow(/timestamp/);
    expect(() => parseHealthConnect({ time: 1740870000000, data: { steps: 10234 } })).toThrow(/timestamp/);
    expect(() => parseHealthConnect({ timestamp: "2025-03-02T09:30:12Z", steps: { count: 5 } })).toThrow(/steps/);
    expect(() => parseHealthConnect(null)).toThrow(ZodError);
  });

  it("gives identical records when the same body is parsed twice", () => {
    const first = parseHealthConnect(body);
    const second = parseHealthConnect(structuredClone(body));
    expect(second).toEqual(first);
    // Older builds send no metadata.id: the derived id must come out the same on every delivery.
    const legacy = { ...body, exercise: [{ ...exerciseRow, metadata: { data_origin: FIT } }] };
    const again = parseHealthConnect(structuredClone(legacy));
    expect(again).toEqual(parseHealthConnect(legacy));
    expect(batchOf(again, FIT)!.activities![0]!.externalId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("stores an unknown type's numbers as samples under its own name and unit, and rejects rows with none", () => {
    const result = parseHealthConnect({
      timestamp: "2025-03-02T09:30:12Z",
      elevation_gained: [
        {
          meters: 42.5,
          start_time: "2025-03-02T06:00:00Z",
          end_time: "2025-03-02T07:00:00Z",
          metadata: watchMetadata("eg-1"),
        },
      ],
      menstruation_flow: [{ flow: 2, time: "2025-03-02T08:00:00Z" }],
      power: [{ watts: 212, cadence_rpm: 88, time: "2025-03-02T06:10:00Z" }],
      intermenstrual_bleeding: [{ time: "2025-03-02T14:00:00Z" }],
      mindfulness: [{ note: "no time here" }],
    });
    expect(batchOf(result, WATCH)!.samples).toEqual([
      {
        metric: "elevation_gained",
        time: new Date("2025-03-02T06:00:00Z"),
        endTime: new Date("2025-03-02T07:00:00Z"),
        value: 42.5,
        unit: "m",
        meta: null,
      },
    ]);
    expect(batchOf(result, "health-connect")!.samples!.map(({ metric, value, unit }) => [metric, value, unit])).toEqual(
      [
        ["menstruation_flow", 2, "flow"],
        ["power_watts", 212, "W"],
        ["power_cadence_rpm", 88, "cadence_rpm"],
      ],
    );
    expect(result.rejected).toEqual([
      {
        path: "intermenstrual_bleeding[0]",
        reason: "intermenstrual_bleeding is not a type we store, and this row has no number to keep as a sample",
      },
      { path: "mindfulness[0]", reason: "time: has neither time nor start_time" },
    ]);
  });

  it("collapses a repeated identical record and rejects a different one at the same key", () => {
    const result = parseHealthConnect({
      timestamp: "2025-03-02T09:30:12Z",
      resting_heart_rate: [
        { bpm: 52, time: "2025-03-02T06:00:00Z" },
        { bpm: 52, time: "2025-03-02T06:00:00.000Z" },
        { bpm: 55, time: "2025-03-02T06:00:00Z" },
      ],
    });
    expect(result.batches[0]!.records.samples).toHaveLength(1);
    expect(result.rejected).toEqual([
      {
        path: "resting_heart_rate[2]",
        reason:
          "a different resting_heart_rate at 2025-03-02T06:00:00.000Z from this source is already in resting_heart_rate[0]; kept that one",
      },
    ]);
  });

  it("stores nothing from the app's Test button, and says so", () => {
    expect(parseHealthConnect({ ...body, test: true })).toEqual({
      batches: [],
      rejected: [{ path: "test", reason: "the app's Test payload holds mock data; nothing stored" }],
    });
  });

  it("accepts a body with no arrays (the app omits empty types) and reports a non-array key", () => {
    expect(parseHealthConnect({ timestamp: "2025-03-02T09:30:12Z" })).toEqual({ batches: [], rejected: [] });
    expect(parseHealthConnect({ timestamp: "2025-03-02T09:30:12Z", sync_info: { window: "48h" } }).rejected).toEqual([
      { path: "sync_info", reason: "not a list of records" },
    ]);
  });
});
