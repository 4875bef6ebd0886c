import { describe, expect, it } from "vitest";
import { scoreMatch } from "./match";
import type { MatchRow } from "./types";

const row = (overrides: Partial<MatchRow>): MatchRow => ({
  id: "a",
  provider: "garmin",
  externalId: "1",
  type: "run",
  name: "Morning Run",
  startAt: new Date("2026-11-20T06:00:00Z"),
  durationS: 2700,
  distanceM: 8200,
  mergedIntoId: null,
  raw: null,
  ...overrides,
});

describe("scoreMatch", () => {
  it("matches a copy seconds apart with nearly the same distance, and says by how much", () => {
    const evidence = scoreMatch(
      row({}),
      row({ provider: "strava", type: "trail_run", startAt: new Date("2026-11-20T06:00:04Z"), distanceM: 8150 }),
    );
    expect(evidence).toMatchObject({ startGapS: 4, distanceDiffPercent: 0.61, durationDiffPercent: 0 });
    expect(evidence!.score).toBeGreaterThan(0.8);
  });

  it("keeps two runs ten minutes apart apart", () => {
    expect(scoreMatch(row({}), row({ startAt: new Date("2026-11-20T06:10:00Z") }))).toBeUndefined();
  });

  it("keeps a run and a ride apart, and a run of a different length", () => {
    expect(scoreMatch(row({}), row({ type: "ride" }))).toBeUndefined();
    expect(scoreMatch(row({}), row({ distanceM: 5000, durationS: 1700 }))).toBeUndefined();
  });

  it("matches on the start alone when a side has no duration or distance", () => {
    expect(scoreMatch(row({}), row({ durationS: null, distanceM: null }))).toMatchObject({
      startGapS: 0,
      distanceDiffPercent: null,
      score: 1,
    });
  });
});
