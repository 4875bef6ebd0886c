import { describe, expect, it } from "vitest";
import {
  formatDistance,
  formatDuration,
  formatElevation,
  formatEnergy,
  formatHeartRate,
  formatLocalDateTime,
  formatPace,
  formatPower,
  formatSpeed,
  formatSwimPace,
  formatUtcOffset,
  paceSeconds,
} from "./format";

describe("distance and duration", () => {
  it("shows kilometres or miles", () => {
    expect(formatDistance(8200, "metric")).toBe("8.20 km");
    expect(formatDistance(1609.344 * 5, "imperial")).toBe("5.00 mi");
    expect(formatDistance(null, "metric")).toBe("—");
  });

  it("shows hours only when there are some", () => {
    expect(formatDuration(2700)).toBe("45:00");
    expect(formatDuration(3725.4)).toBe("1:02:05");
  });
});

describe("pace and speed", () => {
  it("gives running pace per km or per mile", () => {
    // 3.333… m/s is 5:00 per km and 8:03 per mile.
    expect(formatPace(1000 / 300, "metric")).toBe("5:00 /km");
    expect(formatPace(1000 / 300, "imperial")).toBe("8:03 /mi");
    expect(paceSeconds(4, "metric")).toBe(250);
  });

  it("never prints a pace for standing still", () => {
    expect(formatPace(0, "metric")).toBe("—");
    expect(formatPace(0.1, "imperial")).toBe("—");
    expect(formatPace(null, "metric")).toBe("—");
    expect(paceSeconds(0, "metric")).toBeNull();
  });

  it("rounds a pace that lands on 59.6 seconds up into the next minute", () => {
    expect(formatPace(1000 / 299.6, "metric")).toBe("5:00 /km");
  });

  it("gives swimming pace per 100 m or per 100 yd", () => {
    expect(formatSwimPace(100 / 105, "metric")).toBe("1:45 /100m");
    expect(formatSwimPace(91.44 / 96, "imperial")).toBe("1:36 /100yd");
  });

  it("gives riding speed in km/h or mph", () => {
    expect(formatSpeed(10, "metric")).toBe("36.0 km/h");
    expect(formatSpeed(10, "imperial")).toBe("22.4 mph");
    expect(formatSpeed(null, "imperial")).toBe("—");
  });
});

describe("elevation, heart rate, energy and power", () => {
  it("shows climbing in metres or feet", () => {
    expect(formatElevation(123.4, "metric")).toBe("123 m");
    expect(formatElevation(1000, "imperial")).toBe("3,281 ft");
    expect(formatElevation(null, "metric")).toBe("—");
  });

  it("rounds the rest to whole units", () => {
    expect(formatHeartRate(148.6)).toBe("149 bpm");
    expect(formatEnergy(1512.2)).toBe("1,512 kcal");
    expect(formatPower(212.5)).toBe("213 W");
    expect(formatPower(null)).toBe("—");
  });
});

describe("local date and time", () => {
  it("shows the wall clock where the activity happened, with its offset", () => {
    const start = new Date("2026-11-20T06:00:00Z");
    expect(formatLocalDateTime(start, 3600)).toBe("Friday 20 November 2026, 07:00 (UTC+01:00)");
    // Across midnight: 20:30 in Honolulu is already the 21st in UTC.
    expect(formatLocalDateTime(new Date("2026-11-21T06:30:00Z"), -10 * 3600)).toBe(
      "Friday 20 November 2026, 20:30 (UTC\u221210:00)",
    );
  });

  it("says UTC when the offset is unknown instead of using the server's zone", () => {
    expect(formatLocalDateTime(new Date("2026-11-20T06:00:00Z"), null)).toBe("Friday 20 November 2026, 06:00 (UTC)");
  });

  it("writes half-hour offsets", () => {
    expect(formatUtcOffset(19_800)).toBe("UTC+05:30");
    expect(formatUtcOffset(-12_600)).toBe("UTC\u221203:30");
  });
});
