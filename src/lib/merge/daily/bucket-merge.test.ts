import { describe, expect, it } from "vitest";
import { mergeDay } from "./bucket-merge";
import { hourRanges } from "./explain";
import { orderSources, sourceKind } from "./priority";

const hours = (entries: Array<[number, number]>) => new Map(entries);
const watch = { provider: "apple_health", sourceId: "Ana's Apple Watch" };
const phone = { provider: "apple_health", sourceId: "Ana's iPhone" };

describe("source priority", () => {
  it("ranks a worn device over the phone, and a device's own service over an app's copy of it", () => {
    expect(sourceKind(watch)).toBe("worn");
    expect(sourceKind(phone)).toBe("phone");
    expect(sourceKind({ provider: "garmin", sourceId: "123" })).toBe("worn");
    expect(sourceKind({ provider: "apple_health", sourceId: "Garmin Connect" })).toBe("aggregator");
    expect(sourceKind({ provider: "health_connect", sourceId: "health-connect" })).toBe("aggregator");
    expect(sourceKind({ provider: "health_connect", sourceId: "com.google.android.apps.fitness/Pixel 8" })).toBe(
      "phone",
    );
    const copy = { provider: "apple_health", sourceId: "Oura" };
    const oura = { provider: "oura", sourceId: "o-1" };
    expect(orderSources([copy, phone, oura])).toEqual([oura, phone, copy]);
  });

  it("puts the person's order first and the sources they have not placed after it", () => {
    const garmin = { provider: "garmin", sourceId: "g" };
    expect(orderSources([watch, garmin, phone], [phone])).toEqual([phone, watch, garmin]);
  });
});

describe("mergeDay", () => {
  it("takes each hour from the first source that covers it", () => {
    const merged = mergeDay(
      [
        {
          ...phone,
          hours: hours([
            [6, 100],
            [8, 50],
            [22, 70],
          ]),
        },
        {
          ...watch,
          hours: hours([
            [8, 400],
            [9, 300],
          ]),
        },
      ],
      { isAdditive: true },
    );
    expect(merged?.value).toBe(100 + 400 + 300 + 70);
    expect(merged?.explanation.parts).toEqual([
      { ...watch, value: 700, hours: [8, 9] },
      { ...phone, value: 170, hours: [6, 22] },
    ]);
  });

  it("lets a first-ranked daily total win and keeps hourly sources for comparison", () => {
    const merged = mergeDay(
      [
        { ...phone, hours: hours([[6, 100]]) },
        { provider: "garmin", sourceId: "g", total: 9000 },
      ],
      { isAdditive: true },
    );
    expect(merged).toMatchObject({
      value: 9000,
      explanation: { method: "priority", others: [{ ...phone, value: 100 }] },
    });
  });

  it("never pieces together a reading such as a resting heart rate", () => {
    const merged = mergeDay(
      [
        { provider: "oura", sourceId: "o", total: 51 },
        { provider: "garmin", sourceId: "g", total: 55 },
      ],
      { isAdditive: false },
    );
    expect(merged?.value).toBe(55);
  });
});

it("writes hours as ranges", () => {
  expect(hourRanges([7, 8, 9, 13, 23])).toBe("07:00-10:00, 13:00-14:00, 23:00-24:00");
});
