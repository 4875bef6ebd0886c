import { describe, expect, it } from "vitest";
import { sampleRecordsOf } from "@/lib/sync/sample-series";
import { ZodError } from "zod";
import { body as healthConnectBody } from "./health-connect/fixtures";
import { dailyBody, imperialBody, metricsBody, sleepNight, sleepSegments } from "./health-auto-export/test-fixtures";
import { JsonSplitter } from "./json-stream/json-splitter";
import { PushBodyReader } from "./push-body-reader";
import type { SourceBatch } from "./types";

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
    ecg: [{ voltageMeasurements: [{ date: 1, voltage: 2 }] }],
  },
};

/** Feeds `text` in chunks of `size` bytes, draining samples every `drainEvery` like the ingest path. */
function read(text: string, size: number, drainEvery = Infinity) {
  const reader = new PushBodyReader();
  const splitter = new JsonSplitter(reader);
  const drained: SourceBatch[] = [];
  const bytes = Buffer.from(text);
  for (let start = 0; start < bytes.length; start += size) {
    splitter.write(bytes.subarray(start, start + size));
    if (reader.hae.collector.pendingSamples >= drainEvery) drained.push(...reader.hae.collector.drainSamples());
  }
  splitter.end();
  return { ...reader.finish(), drained };
}

/** Every sample of a read, drained or not, as "source metric time value". */
const sampleLines = (result: ReturnType<typeof read>) =>
  [...result.drained, ...result.batches]
    .flatMap((batch) =>
      [...(batch.records.samples ?? []), ...(batch.sampleSeries ?? []).flatMap(sampleRecordsOf)].map(
        (sample) => `${batch.sourceId} ${sample.metric} ${sample.time.toISOString()} ${sample.value}`,
      ),
    )
    .sort();

describe("PushBodyReader", () => {
  it("reads the same records whatever the chunk size", () => {
    const text = JSON.stringify(everything, null, 2);
    const whole = read(text, text.length);
    expect(whole.format).toBe("health-auto-export");
    expect(whole.rejected).toEqual([]);
    expect(whole.batches.length).toBeGreaterThan(5);
    for (const size of [1, 7, 4096]) expect(read(text, size)).toEqual(whole);
  });

  it("hands samples over in slices without losing or repeating one", () => {
    const text = JSON.stringify(everything);
    const whole = read(text, 64);
    const sliced = read(text, 64, 2);
    expect(sliced.drained.length).toBeGreaterThan(2);
    expect(sampleLines(sliced)).toEqual(sampleLines(whole));
    // What is not a sample (sleep, workouts, day totals, body measurements) stays until the end.
    expect(sliced.batches.flatMap((batch) => Object.keys(batch.records))).toEqual(
      expect.arrayContaining(["sleepSessions", "activities", "dailySummaries", "bodyMeasurements"]),
    );
  });

  it("parses a metric whose name and units come after its points", () => {
    const late = {
      data: {
        metrics: [{ data: [{ date: "2025-03-02 07:14:00 +0100", qty: 5 }], units: "count", name: "step_count" }],
      },
    };
    const [batch] = read(JSON.stringify(late), 3).batches;
    expect(batch!.records.samples).toEqual([
      {
        metric: "step_count",
        time: new Date("2025-03-02T06:14:00Z"),
        endTime: null,
        value: 5,
        unit: "count",
        meta: null,
      },
    ]);
  });

  it("rejects a metric without a name by its path and keeps reading", () => {
    const body = {
      data: {
        metrics: [
          { units: "count", data: [{ date: "2025-03-02 07:14:00 +0100", qty: 5 }] },
          {},
          metricsBody.data.metrics[0],
        ],
      },
    };
    const result = read(JSON.stringify(body), 5);
    expect(result.rejected.map((item) => item.path)).toEqual(["data.metrics[0]", "data.metrics[1]"]);
    expect(result.rejected[0]!.reason).toMatch(/name/);
    expect(result.batches.flatMap((batch) => batch.records.samples ?? [])).toHaveLength(1);
  });

  it("rejects a bad point by its own path, not the whole metric", () => {
    const body = {
      data: {
        metrics: [
          {
            name: "step_count",
            units: "count",
            data: [{ date: "2025-03-02 07:14:00 +0100", qty: 5 }, 42, { date: "soon", qty: 1 }],
          },
        ],
      },
    };
    const result = read(JSON.stringify(body), 9);
    expect(result.rejected).toEqual([
      { path: "data.metrics[0].data[1]", reason: expect.stringMatching(/object/) },
      { path: "data.metrics[0].data[2]", reason: 'unparseable date "soon"' },
    ]);
  });

  it("refuses an envelope whose metrics or workouts are not objects, naming the field", () => {
    const issuePath = (body: unknown) => {
      try {
        read(JSON.stringify(body), 4);
      } catch (error) {
        expect(error).toBeInstanceOf(ZodError);
        return (error as ZodError).issues[0]!.path.join(".");
      }
      throw new Error("did not throw");
    };
    expect(issuePath({ data: { metrics: [metricsBody.data.metrics[0], "steps"] } })).toBe("data.metrics.1");
    expect(issuePath({ data: { workouts: {} } })).toBe("data.workouts");
    expect(issuePath({ data: [] })).toBe("data");
  });

  it("reads any other body as HC Webhook, whole", () => {
    const result = read(JSON.stringify(healthConnectBody), 11);
    expect(result.format).toBe("health-connect");
    expect(result.provider).toBe("health_connect");
    expect(result.batches.length).toBeGreaterThan(0);
  });
});
