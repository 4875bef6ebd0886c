import { describe, expect, it } from "vitest";
import { addDays, utcOffsetSecondsOf } from "./dates";

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
