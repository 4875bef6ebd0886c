import { describe, expect, it } from "vitest";
import { addDays, civilDate, civilDayNumber, civilWeekday, DAY_MS, utcOffsetSecondsOf } from "./dates";

describe("dates", () => {
  it("adds and subtracts calendar days across months and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
  });

  it("reads the UTC offset written on a localized timestamp or alone", () => {
    expect(utcOffsetSecondsOf("2026-05-03T18:02:00+02:00")).toBe(7200);
    expect(utcOffsetSecondsOf("2026-05-03T18:02:00-05:30")).toBe(-19800);
    expect(utcOffsetSecondsOf("2026-05-03T03:05:00+00:00")).toBe(0);
    expect(utcOffsetSecondsOf("2026-05-03T03:05:00Z")).toBe(0);
    expect(utcOffsetSecondsOf("-0330")).toBe(-12600);
    expect(utcOffsetSecondsOf("2026-05-03T03:05:00")).toBeNull();
  });
});

describe("civil day numbers", () => {
  it("agree with Date on every day from 1899 to 2101, both ways, with the weekday", () => {
    const first = Date.UTC(1899, 0, 1) / DAY_MS;
    const last = Date.UTC(2101, 11, 31) / DAY_MS;
    const disagreements: string[] = [];
    for (let day = first; day <= last; day++) {
      const iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
      if (civilDayNumber(iso) !== day) disagreements.push(`${iso} → ${civilDayNumber(iso)}, not ${day}`);
      if (civilDate(day) !== iso) disagreements.push(`${day} → ${civilDate(day)}, not ${iso}`);
      if (civilWeekday(day) !== new Date(day * DAY_MS).getUTCDay()) disagreements.push(`weekday of ${iso}`);
    }
    expect(last - first).toBeGreaterThan(73_000);
    expect(disagreements).toEqual([]);
  });
});
