import { describe, expect, it } from "vitest";
import { computeBmi, decideWeighIn, differsByMoreThan, type StoredWeighIn } from "./weigh-in-rule";

const stored = (change: Partial<StoredWeighIn> = {}): StoredWeighIn => ({
  externalId: "w-1",
  weightKg: 80,
  bmi: 25.25,
  bodyFatPercent: null,
  syncStatus: "synced",
  ...change,
});
const incoming = (weightKg: number, change: Partial<Parameters<typeof decideWeighIn>[1]> = {}) => ({
  externalId: "w-1",
  weightKg,
  bmi: null,
  bodyFatPercent: null,
  ...change,
});

describe("the weigh-in update rule", () => {
  it("counts a difference of exactly 0.01 kg as noise, floating point notwithstanding", () => {
    expect(80.01 - 80).toBeGreaterThan(0.01);
    expect(differsByMoreThan(80, 80.01, 0.01)).toBe(false);
    expect(differsByMoreThan(80.01, 80, 0.01)).toBe(false);
    expect(differsByMoreThan(80, 80.011, 0.01)).toBe(true);
    expect(differsByMoreThan(null, 80, 0.01)).toBe(true);
  });

  it("leaves a row alone when the weight moved by exactly 0.01 kg and rewrites it just above", () => {
    expect(decideWeighIn(stored(), incoming(80.01), 1.78)).toEqual({ action: "unchanged" });
    expect(decideWeighIn(stored(), incoming(79.99), 1.78)).toEqual({ action: "unchanged" });
    expect(decideWeighIn(stored(), incoming(80.011), 1.78)).toEqual({
      action: "update",
      row: {
        externalId: "w-1",
        weightKg: 80.011,
        bmi: computeBmi(80.011, 1.78),
        bodyFatPercent: null,
        syncStatus: "pending",
      },
    });
  });

  it("fills a missing BMI from the height even when the weight is the same", () => {
    const decision = decideWeighIn(stored({ bmi: null, syncStatus: "local" }), incoming(80), 1.6);
    expect(decision).toEqual({
      action: "update",
      row: { externalId: "w-1", weightKg: 80, bmi: 31.25, bodyFatPercent: null, syncStatus: "pending" },
    });
    // Without a height there is nothing to fill it with.
    expect(decideWeighIn(stored({ bmi: null }), incoming(80), null)).toEqual({ action: "unchanged" });
  });

  it("prefers the source's own BMI over one from the height", () => {
    const decision = decideWeighIn(undefined, incoming(80, { bmi: 24.9 }), 1.6);
    expect(decision).toMatchObject({ action: "insert", row: { bmi: 24.9, syncStatus: "pending" } });
    expect(decideWeighIn(undefined, incoming(80), 1.6)).toMatchObject({ row: { bmi: 31.25 } });
    expect(decideWeighIn(undefined, incoming(80), null)).toMatchObject({ row: { bmi: null } });
  });

  it("keeps body fat a weight-only list does not carry, and takes one that arrives", () => {
    expect(decideWeighIn(stored({ bodyFatPercent: 18.2 }), incoming(80), 1.78)).toEqual({ action: "unchanged" });
    expect(decideWeighIn(stored(), incoming(80, { bodyFatPercent: 18.2 }), 1.78)).toMatchObject({
      action: "update",
      // Body fat is not forwarded, so the status stays.
      row: { bodyFatPercent: 18.2, syncStatus: "synced" },
    });
  });

  it("adopts the provider's id for a row found by its time", () => {
    expect(decideWeighIn(stored({ externalId: null }), incoming(80), 1.78)).toMatchObject({
      action: "update",
      row: { externalId: "w-1", weightKg: 80, bmi: 25.25 },
    });
  });

  it("computes BMI as kg/m² to two decimals", () => {
    expect(computeBmi(71.35, 1.78)).toBe(22.52);
    expect(computeBmi(71.35, null)).toBeNull();
    expect(computeBmi(null, 1.78)).toBeNull();
  });
});
