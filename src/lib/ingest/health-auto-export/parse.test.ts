import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { parseHealthAutoExport } from "./parse";
import { dailyBody, imperialBody, metricsBody, sleepNight, sleepSegments } from "./test-fixtures";

const everything = {
  data: {
    metrics: [
      ...metricsBody.data.metrics,
      ...imperialBody.data.metrics,
      ...dailyBody.data.metrics,
      { name: "sleep_analysis", units: "hr", data: [sleepNight, ...sleepSegments] },
    ],
    workouts: [
      {
        name: "Walking",
        start: "2025-03-02 12:00:00 +0100",
        end: "2025-03-02 12:30:00 +0100",
        distance: { qty: 2, units: "km" },
      },
    ],
    stateOfMind: [{ id: "x", kind: "daily_mood", valence: 0.4 }],
    ecg: [{ voltageMeasurements: [] }],
  },
};

describe("parseHealthAutoExport: the body", () => {
  it("is idempotent: the same export parsed twice gives identical records", () => {
    const first = parseHealthAutoExport(structuredClone(everything));
    const second = parseHealthAutoExport(structuredClone(everything));
    expect(second).toEqual(first);
    expect(first.rejected).toEqual([]);
    expect(first.batches.length).toBeGreaterThan(5);
  });

  it("ignores the arrays it does not ingest and accepts an empty export", () => {
    expect(parseHealthAutoExport({ data: { stateOfMind: [{}], medications: [] } })).toEqual({
      batches: [],
      rejected: [],
    });
    expect(parseHealthAutoExport({ data: {} })).toEqual({ batches: [], rejected: [] });
  });

  it("keeps the first of two rows with the same key in one batch", () => {
    const twice = {
      data: {
        metrics: [
          {
            name: "step_count",
            units: "count",
            data: [
              { date: "2025-03-02 07:14:00 +0100", qty: 1 },
              { date: "2025-03-02 07:14:00 +0100", qty: 2 },
            ],
          },
        ],
      },
    };
    expect(parseHealthAutoExport(twice).batches[0]!.records.samples).toEqual([expect.objectContaining({ value: 1 })]);
  });

  it("throws a ZodError naming the field when the body is not an HAE export", () => {
    const issuePath = (body: unknown) => {
      try {
        parseHealthAutoExport(body);
      } catch (error) {
        expect(error).toBeInstanceOf(ZodError);
        return (error as ZodError).issues[0]!.path.join(".");
      }
      throw new Error("did not throw");
    };
    expect(issuePath({ metrics: [] })).toBe("data");
    expect(issuePath({ data: { metrics: "step_count" } })).toBe("data.metrics");
    expect(issuePath({ data: { workouts: [42] } })).toBe("data.workouts.0");
    expect(issuePath("hello")).toBe("");
  });
});
