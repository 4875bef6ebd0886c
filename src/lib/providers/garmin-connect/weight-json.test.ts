import { describe, expect, it } from "vitest";
import { toConnectUserWeight } from "./weight-json";

const weighIn = (iso: string, weightKg: number) => ({
  id: "w",
  measuredAt: new Date(iso),
  weightKg,
  bmi: null,
  bodyFatPercent: null,
});

describe("weigh-ins as Garmin Connect's weight service takes them", () => {
  it("files the weigh-in under the person's wall clock, with the same instant in GMT, in kilograms", () => {
    expect(toConnectUserWeight(weighIn("2026-07-01T05:10:42.517Z", 80.1234), "Europe/Berlin")).toEqual({
      dateTimestamp: "2026-07-01T07:10:42.00",
      gmtTimestamp: "2026-07-01T05:10:42.00",
      unitKey: "kg",
      value: 80.123,
    });
  });

  it("moves a weigh-in across midnight when the person's zone is behind UTC", () => {
    const body = toConnectUserWeight(weighIn("2026-01-02T03:00:00Z", 70), "America/New_York");
    expect(body.dateTimestamp).toBe("2026-01-01T22:00:00.00");
    expect(body.gmtTimestamp).toBe("2026-01-02T03:00:00.00");
  });
});
