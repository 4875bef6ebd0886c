import { describe, expect, it } from "vitest";
import { ACTIVITY_TYPES } from "@/lib/sync/activity-types";
import { isSameSportFamily, SPORT_FAMILIES, sportFamily, typesInFamily } from "./sport-family";

describe("sport families", () => {
  it("puts every activity type in exactly one family", () => {
    const listed = Object.values(SPORT_FAMILIES).flat();
    expect([...listed].sort()).toEqual([...ACTIVITY_TYPES].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("treats the ways recorders name one run or one ride as the same sport", () => {
    expect(isSameSportFamily("run", "trail_run")).toBe(true);
    expect(isSameSportFamily("treadmill_run", "run")).toBe(true);
    expect(isSameSportFamily("ride", "gravel_ride")).toBe(true);
    expect(isSameSportFamily("virtual_ride", "e_bike")).toBe(true);
    expect(isSameSportFamily("hike", "walk")).toBe(true);
  });

  it("keeps different sports apart", () => {
    expect(isSameSportFamily("run", "ride")).toBe(false);
    expect(isSameSportFamily("run", "walk")).toBe(false);
    expect(isSameSportFamily("swim", "rowing")).toBe(false);
    expect(isSameSportFamily("other", "run")).toBe(false);
  });

  it("keeps a type it does not know in a family of its own", () => {
    expect(sportFamily("kitesurf")).toBe("unknown:kitesurf");
    expect(isSameSportFamily("kitesurf", "kitesurf")).toBe(true);
    expect(isSameSportFamily("kitesurf", "other")).toBe(false);
    expect(typesInFamily("kitesurf")).toEqual(["kitesurf"]);
  });

  it("lists a family's types for a query", () => {
    expect(typesInFamily("trail_run").sort()).toEqual(["run", "trail_run", "treadmill_run"]);
    expect(typesInFamily("constructor")).toEqual(["constructor"]);
  });
});
