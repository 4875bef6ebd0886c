import { describe, expect, it } from "vitest";
import { parseHealthAutoExport } from "./parse";
import { WATCH, legacyNight, recordsOf, sleepNight, sleepSegments } from "./test-fixtures";

const sleepBody = (data: unknown[]) => ({ data: { metrics: [{ name: "sleep_analysis", units: "hr", data }] } });

describe("parseHealthAutoExport: sleep_analysis", () => {
  it("maps an aggregated night: the date-only night kept as the wake-up day, hours to seconds", () => {
    const records = recordsOf(parseHealthAutoExport(sleepBody([sleepNight])), WATCH);
    const [session] = records.sleepSessions!;
    expect(session).toMatchObject({
      externalId: `${WATCH}:2025-03-02`,
      localDate: "2025-03-02",
      utcOffsetSeconds: 3600,
      inBedS: 27360,
      asleepS: 25560,
      deepS: 3960,
      remS: 6480,
      lightS: 15120,
      awakeS: 900,
      stages: null,
    });
    expect(session!.startAt).toEqual(new Date("2025-03-01T22:20:10Z"));
    expect(session!.endAt).toEqual(new Date("2025-03-02T05:48:40Z"));
    expect(records.samples).toEqual([
      {
        metric: "sleep_analysis",
        time: new Date("2025-03-01T22:20:10Z"),
        endTime: new Date("2025-03-02T05:48:40Z"),
        value: 25560,
        unit: "s",
        meta: { night: "2025-03-02", inBedS: 27360, deepS: 3960, remS: 6480, coreS: 15120, awakeS: 900 },
      },
    ]);
  });

  it("never shifts the date-only night through UTC, even west of Greenwich", () => {
    const west = {
      ...sleepNight,
      date: "2025-03-02",
      sleepStart: "2025-03-01 22:00:00 -0800",
      sleepEnd: "2025-03-02 06:00:00 -0800",
    };
    const [session] = recordsOf(parseHealthAutoExport(sleepBody([west])), WATCH).sleepSessions!;
    expect(session!.localDate).toBe("2025-03-02");
    expect(session!.endAt).toEqual(new Date("2025-03-02T14:00:00Z"));
  });

  it("reads the legacy night (asleep = total, sleepSource)", () => {
    const [session] = recordsOf(parseHealthAutoExport(sleepBody([legacyNight])), "Jane's iPhone").sleepSessions!;
    expect(session).toMatchObject({
      externalId: "Jane's iPhone:2021-06-05",
      localDate: "2021-06-05",
      utcOffsetSeconds: -14400,
      asleepS: 23400,
      inBedS: 25200,
      deepS: null,
      remS: null,
      lightS: null,
      awakeS: null,
    });
    expect(session!.startAt).toEqual(new Date("2021-06-05T03:40:00Z"));
  });

  it("turns unaggregated segments into one sample each and one night with stages", () => {
    const records = recordsOf(parseHealthAutoExport(sleepBody(sleepSegments)), WATCH);
    expect(records.samples!.map((sample) => [sample.metric, sample.value])).toEqual([
      ["sleep_in_bed", 27600],
      ["sleep_light", 6000],
      ["sleep_deep", 1950],
      ["sleep_awake", 450],
      ["sleep_rem", 17400],
    ]);
    expect(records.samples![2]).toEqual({
      metric: "sleep_deep",
      time: new Date("2025-03-02T00:10:00Z"),
      endTime: new Date("2025-03-02T00:42:30Z"),
      value: 1950,
      unit: "s",
      meta: { value: "Deep" },
    });
    expect(records.sleepSessions).toHaveLength(1);
    const [session] = records.sleepSessions!;
    expect(session).toMatchObject({
      externalId: `${WATCH}:2025-03-02`,
      localDate: "2025-03-02",
      utcOffsetSeconds: 3600,
      inBedS: 27600,
      asleepS: 25350,
      lightS: 6000,
      deepS: 1950,
      remS: 17400,
      awakeS: 450,
    });
    expect(session!.startAt).toEqual(new Date("2025-03-01T22:10:00Z"));
    expect(session!.endAt).toEqual(new Date("2025-03-02T05:50:00Z"));
    expect(session!.stages).toEqual([
      { stage: "light", startAt: "2025-03-01T22:30:00.000Z", endAt: "2025-03-02T00:10:00.000Z" },
      { stage: "deep", startAt: "2025-03-02T00:10:00.000Z", endAt: "2025-03-02T00:42:30.000Z" },
      { stage: "awake", startAt: "2025-03-02T00:42:30.000Z", endAt: "2025-03-02T00:50:00.000Z" },
      { stage: "rem", startAt: "2025-03-02T00:50:00.000Z", endAt: "2025-03-02T05:40:00.000Z" },
    ]);
  });

  it("splits segments hours apart into separate nights by wake-up day", () => {
    const nextNight = {
      startDate: "2025-03-02 23:30:00 +0100",
      endDate: "2025-03-03 06:30:00 +0100",
      qty: 7,
      value: "Asleep",
      source: WATCH,
    };
    const sessions = recordsOf(parseHealthAutoExport(sleepBody([...sleepSegments, nextNight])), WATCH).sleepSessions!;
    expect(sessions.map((session) => [session.localDate, session.asleepS])).toEqual([
      ["2025-03-02", 25350],
      ["2025-03-03", 25200],
    ]);
  });

  it("rejects a night without times and a segment with a bad date, keeping the rest", () => {
    const parsed = parseHealthAutoExport(
      sleepBody([{ date: "2025-03-03", totalSleep: 7 }, { ...sleepSegments[1], endDate: "soon" }, sleepNight]),
    );
    expect(parsed.rejected).toEqual([
      { path: "data.metrics[0].data[0]", reason: "sleep night without a parseable sleepStart/sleepEnd" },
      { path: "data.metrics[0].data[1]", reason: 'unparseable date "soon"' },
    ]);
    expect(recordsOf(parsed, WATCH).sleepSessions).toHaveLength(1);
  });
});
