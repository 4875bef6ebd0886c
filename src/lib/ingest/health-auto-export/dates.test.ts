import { describe, expect, it } from "vitest";
import { parseHaeDate, parseHaeDay } from "./dates";

describe("HAE dates", () => {
  it("reads 'yyyy-MM-dd HH:mm:ss Z' as an instant with the phone's offset and local day", () => {
    expect(parseHaeDate("2026-11-20 07:15:00 +0100")).toEqual({
      instant: new Date("2026-11-20T06:15:00Z"),
      utcOffsetSeconds: 3600,
      localDate: "2026-11-20",
      localSeconds: 26100,
    });
    expect(parseHaeDate("2024-02-06 23:30:00 -0800")).toMatchObject({
      instant: new Date("2024-02-07T07:30:00Z"),
      utcOffsetSeconds: -28800,
      localDate: "2024-02-06",
    });
    expect(parseHaeDate("2024-02-06 14:30:00 +0530")!.utcOffsetSeconds).toBe(19800);
  });

  it("refuses what is not a full timestamp or not a real date", () => {
    expect(parseHaeDate("2024-02-06")).toBeNull();
    expect(parseHaeDate("2024-02-06 14:30:00")).toBeNull();
    expect(parseHaeDate("2025-02-30 10:00:00 +0000")).toBeNull();
    expect(parseHaeDate("2025-13-01 10:00:00 +0000")).toBeNull();
    expect(parseHaeDate("2025-02-29 10:00:00 +0000")).toBeNull();
    expect(parseHaeDate("2100-02-29 10:00:00 +0000")).toBeNull();
    expect(parseHaeDate("2025-04-31 10:00:00 +0000")).toBeNull();
    expect(parseHaeDate(" 2024-02-29 10:00:00 +0000 ")!.instant).toEqual(new Date("2024-02-29T10:00:00Z"));
    expect(parseHaeDate("2000-02-29 10:00:00 +0000")!.localDate).toBe("2000-02-29");
    expect(parseHaeDate("2025-0a-01 10:00:00 +0000")).toBeNull();
    expect(parseHaeDate("2025-01-01 10:00:00 *0100")).toBeNull();
    expect(parseHaeDate("2025-01-01 24:00:00 +0000")).toBeNull();
  });

  it("reads the ISO-like variants some exports write the same way as the usual layout", () => {
    const usual = parseHaeDate("2025-01-01 10:00:00 +0100");
    expect(parseHaeDate("2025-01-01T10:00:00+01:00")).toEqual(usual);
    expect(parseHaeDate("2025-01-01 10:00:00.250 +0100")).toEqual(usual);
  });

  it("keeps a date-only night as the calendar day written", () => {
    expect(parseHaeDay("2025-03-02")).toBe("2025-03-02");
    expect(parseHaeDay("2025-02-29")).toBeNull();
    expect(parseHaeDay("2025-03-02 06:00:00 +0100")).toBeNull();
  });

  it("keeps years before 100 as written instead of reading them as 19xx", () => {
    expect(parseHaeDate("0000-06-01 08:00:00 +0000")!.instant.toISOString()).toBe("0000-06-01T08:00:00.000Z");
    expect(parseHaeDate("0070-02-28 08:00:00 +0100")!.instant.toISOString()).toBe("0070-02-28T07:00:00.000Z");
  });
});
