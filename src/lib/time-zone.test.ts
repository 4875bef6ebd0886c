import { describe, expect, it } from "vitest";
import { canonicalTimeZone, listTimeZones, localDate, timeZoneSchema, zoneOffsetSeconds } from "./time-zone";

describe("time zone names", () => {
  it("accepts IANA names and spells them the way ICU does", () => {
    expect(timeZoneSchema.parse("Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(timeZoneSchema.parse(" utc ")).toBe("UTC");
  });

  it("rejects unknown names, bare offsets and anything that is not a name", () => {
    for (const value of ["Mars/Olympus_Mons", "+01:00", "-05", "UTC'; drop table users; --", ""]) {
      expect(timeZoneSchema.safeParse(value).success, value).toBe(false);
    }
    expect(canonicalTimeZone("+09:00")).toBeNull();
  });

  it("offers UTC first and every zone once", () => {
    const zones = listTimeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Europe/Berlin");
    expect(new Set(zones).size).toBe(zones.length);
  });
});

describe("local calendar", () => {
  const sundayNight = new Date("2026-11-22T23:30:00Z");

  it("puts an instant on the day it is where the person lives", () => {
    expect(localDate(sundayNight, "UTC")).toBe("2026-11-22");
    expect(localDate(sundayNight, "Asia/Tokyo")).toBe("2026-11-23");
    expect(localDate(new Date("2026-11-23T03:00:00Z"), "America/Los_Angeles")).toBe("2026-11-22");
  });

  it("knows the offset on either side of a daylight-saving change", () => {
    expect(zoneOffsetSeconds(new Date("2026-03-29T00:59:59Z"), "Europe/Berlin")).toBe(3600);
    expect(zoneOffsetSeconds(new Date("2026-03-29T01:00:00Z"), "Europe/Berlin")).toBe(7200);
    expect(zoneOffsetSeconds(new Date("2026-11-22T23:30:00.750Z"), "Asia/Kolkata")).toBe(19_800);
    expect(zoneOffsetSeconds(sundayNight, "America/St_Johns")).toBe(-12_600);
  });
});
