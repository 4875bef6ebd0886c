import { describe, expect, it } from "vitest";
import { chooseBucket, healthHref, readHealthQuery, resolveRange } from "./health-query";

describe("the Health page's query", () => {
  it("reads presets, custom ranges and the table view", () => {
    expect(readHealthQuery({})).toEqual({ query: { range: "30d", view: "chart" }, notes: [] });
    expect(readHealthQuery({ range: "1y", view: "table" })).toEqual({
      query: { range: "1y", view: "table" },
      notes: [],
    });
    expect(readHealthQuery({ range: "custom", from: "2026-01-01", to: "2026-02-01" }).query).toEqual({
      range: "custom",
      from: "2026-01-01",
      to: "2026-02-01",
      view: "chart",
    });
    // A hand-written link with dates but no range means those dates.
    expect(readHealthQuery({ from: "2026-01-01", to: "2026-01-31" }).query.range).toBe("custom");
    // Repeated parameters: the first one counts.
    expect(readHealthQuery({ range: ["all", "1y"] }).query.range).toBe("all");
  });

  it("falls back to 30 days with a note naming the field for a bad range or date", () => {
    const unknown = readHealthQuery({ range: "banana", view: "table" });
    expect(unknown.query).toEqual({ range: "30d", view: "table" });
    expect(unknown.notes).toEqual(['Showing the last 30 days: "range" must be 30d, 1y, all or custom.']);

    expect(readHealthQuery({ range: "custom", from: "2026-02-30", to: "2026-03-01" }).notes[0]).toContain(
      '"from" must be a date like 2026-01-31',
    );
    expect(readHealthQuery({ range: "custom", from: "2026-03-01", to: "2026-02-01" }).notes[0]).toContain(
      '"from" must not be after to',
    );
    expect(readHealthQuery({ range: "custom", from: "2026-03-01" }).notes[0]).toContain(
      '"to" is needed for a custom range',
    );
    expect(readHealthQuery({ range: "custom", from: "0001-01-01", to: "2026-02-01" }).query.range).toBe("30d");
  });

  it("keeps a good range when only the view is bad, and ignores dates outside a custom range", () => {
    const badView = readHealthQuery({ range: "1y", view: "pie" });
    expect(badView.query).toEqual({ range: "1y", view: "chart" });
    expect(badView.notes).toEqual(['Showing charts: "view" must be chart or table.']);
    expect(readHealthQuery({ range: "1y", from: "garbage" })).toEqual({
      query: { range: "1y", view: "chart" },
      notes: [],
    });
  });

  it("links keep the other half of the query and leave defaults out", () => {
    const query = { range: "custom" as const, from: "2026-01-01", to: "2026-02-01", view: "table" as const };
    expect(healthHref(query, { view: "chart" })).toBe("/dashboard/health?range=custom&from=2026-01-01&to=2026-02-01");
    expect(healthHref(query, { range: "30d" })).toBe("/dashboard/health?view=table");
    expect(healthHref({ range: "1y", view: "chart" }, { view: "table" })).toBe("/dashboard/health?range=1y&view=table");
  });
});

describe("resolving a range to dates and a bucket", () => {
  const context = { today: "2026-11-20", firstDataDay: "2023-11-01" };

  it("counts today in the last 30 days and the last year", () => {
    expect(resolveRange({ range: "30d" }, context)).toEqual({ start: "2026-10-22", end: "2026-11-20", bucket: "day" });
    expect(resolveRange({ range: "1y" }, context)).toEqual({ start: "2025-11-21", end: "2026-11-20", bucket: "week" });
  });

  it("starts 'all' at the first day with data, or shows 30 days when there is none", () => {
    expect(resolveRange({ range: "all" }, context)).toEqual({ start: "2023-11-01", end: "2026-11-20", bucket: "week" });
    expect(resolveRange({ range: "all" }, { ...context, firstDataDay: null }).start).toBe("2026-10-22");
  });

  it("shows up to 92 days day by day, then weeks, then months past ~400 weeks", () => {
    expect(chooseBucket("2026-01-01", "2026-04-02")).toBe("day");
    expect(chooseBucket("2026-01-01", "2026-04-03")).toBe("week");
    expect(chooseBucket("2019-01-01", "2026-08-31")).toBe("week");
    expect(chooseBucket("2010-01-01", "2026-12-31")).toBe("month");
    expect(resolveRange({ range: "custom", from: "2026-06-01", to: "2026-06-01" }, context)).toEqual({
      start: "2026-06-01",
      end: "2026-06-01",
      bucket: "day",
    });
  });
});

describe("the sources view", () => {
  it("is one history by default and each source on request, kept in links", () => {
    expect(readHealthQuery({}).query.sources).toBeUndefined();
    const each = readHealthQuery({ range: "1y", sources: "each" });
    expect(each.query).toEqual({ range: "1y", view: "chart", sources: "each" });
    expect(healthHref(each.query, { view: "table" })).toBe("/dashboard/health?range=1y&view=table&sources=each");
    expect(healthHref(each.query, { sources: "merged" })).toBe("/dashboard/health?range=1y");
    const bad = readHealthQuery({ sources: "all" });
    expect(bad.query.sources).toBeUndefined();
    expect(bad.notes).toEqual(['Showing one history across sources: "sources" must be merged or each.']);
  });
});
