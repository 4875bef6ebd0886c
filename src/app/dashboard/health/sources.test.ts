import { describe, expect, it } from "vitest";
import { groupBySource, lineSeries } from "./build-series";
import { connectHint } from "./connect-hint";
import { withSleepCopies } from "./sleep-copies";
import { describeSources } from "./sources";

describe("naming sources", () => {
  it("uses the provider's display name, and tells a provider's several sources apart", () => {
    const sources = describeSources(
      [
        { provider: "oura", sourceId: "8f3a-user" },
        { provider: "fitbit", sourceId: "g1" },
        { provider: "apple_health", sourceId: "Ana's iPhone" },
        { provider: "apple_health", sourceId: "Ana's Apple Watch" },
        { provider: "garmin", sourceId: "111-aaaa" },
        { provider: "garmin", sourceId: "222-bbbb" },
      ],
      [{ provider: "garmin", sourceId: "111-aaaa", label: "Work watch" }],
    );
    expect([...sources.values()].map((source) => source.label)).toEqual([
      "Apple Health · Ana's Apple Watch",
      "Apple Health · Ana's iPhone",
      "Fitbit (Google Health)",
      "Garmin · account …bbbb",
      "Garmin · Work watch",
      "Oura",
    ]);
    // Each source its own look.
    const looks = [...sources.values()].map((source) => `${source.style.stroke}|${source.style.marker}`);
    expect(new Set(looks).size).toBe(looks.length);
  });

  it("splits bucketed rows into one line per source and skips empty buckets", () => {
    const sources = describeSources(
      [
        { provider: "oura", sourceId: "o" },
        { provider: "whoop", sourceId: "w" },
      ],
      [],
    );
    const rows = [
      { provider: "oura", sourceId: "o", date: "2026-11-01", hrv: 50 },
      { provider: "whoop", sourceId: "w", date: "2026-11-01", hrv: 61 },
      { provider: "oura", sourceId: "o", date: "2026-11-02", hrv: null },
      { provider: "oura", sourceId: "o", date: "2026-11-03", hrv: 52 },
    ];
    const lines = lineSeries(rows, (row) => row.hrv, sources, { keySuffix: ":hrv", labelSuffix: " HRV" });
    expect(lines.map((line) => [line.key, line.label, line.points])).toEqual([
      [
        "oura:o:hrv",
        "Oura HRV",
        [
          { date: "2026-11-01", value: 50 },
          { date: "2026-11-03", value: 52 },
        ],
      ],
      ["whoop:w:hrv", "WHOOP HRV", [{ date: "2026-11-01", value: 61 }]],
    ]);
    expect(groupBySource(rows, sources).map((group) => [group.source.label, group.rows.length])).toEqual([
      ["Oura", 3],
      ["WHOOP", 1],
    ]);
  });
});

describe("empty charts", () => {
  it("name the registry's providers and the phone apps that can fill them", () => {
    expect(connectHint({ dataTypes: ["recovery", "strain"], pushSources: [], noun: "strain" })).toBe(
      "Connect WHOOP or Polar to see strain.",
    );
    expect(
      connectHint({ dataTypes: ["weight"], pushSources: ["apple_health", "health_connect"], noun: "your weight" }),
    ).toMatch(/^Connect Garmin, Oura, WHOOP, .* to see your weight, or send it from Apple Health or Health Connect\.$/);
  });
});

describe("the merged sleep's copies", () => {
  it("names the sources a night was also recorded by, per bucket and for the range", () => {
    const night = (date: string, nights: number) => ({
      provider: "merged",
      sourceId: "",
      date,
      deepS: null,
      remS: null,
      lightS: null,
      awakeS: null,
      asleepS: 25_000,
      nights,
    });
    const { rows, note } = withSleepCopies(
      [night("2026-05-18", 1), night("2026-05-19", 1)],
      [{ date: "2026-05-19", provider: "apple_health", sourceId: "iPhone", nights: 1 }],
      (source) => `Apple Health · ${source.sourceId}`,
    );
    expect(rows.map((row) => row.alsoFrom)).toEqual([undefined, "Apple Health · iPhone"]);
    expect(note).toBe("Also from Apple Health · iPhone (1 night): the same nights, counted once.");
    expect(withSleepCopies([night("2026-05-18", 1)], [], () => "").note).toBeNull();
  });
});
