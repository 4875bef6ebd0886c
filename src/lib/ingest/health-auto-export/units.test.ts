import { describe, expect, it } from "vitest";
import { convert, toBase } from "./units";

describe("HAE unit conversion", () => {
  it("converts lengths to metres", () => {
    expect(toBase("length", 7.42, "km")).toBeCloseTo(7420, 9);
    expect(toBase("length", 1, "mi")).toBe(1609.344);
    expect(toBase("length", 100, "ft")).toBeCloseTo(30.48, 9);
    expect(toBase("length", 10, "in")).toBeCloseTo(0.254, 12);
  });

  it("converts masses to kilograms", () => {
    expect(toBase("mass", 165.3, "lb")).toBeCloseTo(74.978819, 6);
    expect(toBase("mass", 500, "g")).toBe(0.5);
  });

  it("converts energy to kcal, reading HealthKit's Cal as a kcal", () => {
    expect(toBase("energy", 4184, "kJ")).toBeCloseTo(1000, 9);
    expect(toBase("energy", 250, "Cal")).toBe(250);
    expect(toBase("energy", 250, "kcal")).toBe(250);
  });

  it("converts temperatures to °C in every spelling", () => {
    expect(toBase("temperature", 98.6, "degF")).toBeCloseTo(37, 9);
    expect(toBase("temperature", 212, "°F")).toBeCloseTo(100, 9);
    expect(toBase("temperature", 36.4, "degC")).toBe(36.4);
    expect(toBase("temperature", 36.4, "°C")).toBe(36.4);
  });

  it("converts speeds to m/s", () => {
    expect(toBase("speed", 10, "mph")).toBeCloseTo(4.4704, 12);
    expect(toBase("speed", 10, "mi/hr")).toBeCloseTo(4.4704, 12);
    expect(toBase("speed", 36, "km/hr")).toBeCloseTo(10, 12);
    expect(toBase("speed", 36, "kmph")).toBeCloseTo(10, 12);
    expect(toBase("speed", 3, "ft/s")).toBeCloseTo(0.9144, 12);
  });

  it("keeps rates per minute and durations in the asked unit", () => {
    expect(convert("frequency", 64.5, "count/min", "bpm")).toBe(64.5);
    expect(convert("frequency", 1, "count/s", "bpm")).toBe(60);
    expect(convert("duration", 48.2, "ms", "ms")).toBe(48.2);
    expect(convert("duration", 0.05, "s", "ms")).toBeCloseTo(50, 12);
    expect(toBase("duration", 30, "min")).toBe(1800);
    expect(toBase("duration", 7.5, "hr")).toBe(27000);
  });

  it("converts blood pressure to mmHg and glucose to mmol/L", () => {
    expect(toBase("pressure", 16, "kPa")).toBeCloseTo(120.01, 2);
    expect(toBase("pressure", 118, "mmHg")).toBe(118);
    expect(toBase("glucose", 90, "mg/dL")).toBeCloseTo(4.9957, 4);
  });

  it("answers null for a unit of another dimension or an unknown one", () => {
    expect(toBase("length", 1, "kg")).toBeNull();
    expect(toBase("temperature", 1, "furlong")).toBeNull();
    expect(convert("energy", 1, "kcal", "parsec")).toBeNull();
  });
});
