import { describe, expect, it } from "vitest";
import { startOfLocalDay } from "./sync-rules";

describe("startOfLocalDay", () => {
  it("is local midnight as an instant, daylight saving included", () => {
    expect(startOfLocalDay("2026-01-15", "UTC").toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(startOfLocalDay("2026-01-15", "Europe/Berlin").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfLocalDay("2026-07-15", "Europe/Berlin").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    expect(startOfLocalDay("2026-07-15", "America/Los_Angeles").toISOString()).toBe("2026-07-15T07:00:00.000Z");
  });
});
