import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { timeDomain } from "@/components/health/chart-scale";
import { seriesStyle } from "@/components/health/series-style";
import { HealthTotals } from "./HealthTotals";
import { SleepSection } from "./SleepSection";
import { WeightTable } from "./weight/WeightTable";

const DAY = "2026-05-19";
const night = {
  provider: "merged",
  sourceId: "",
  date: DAY,
  deepS: 3600,
  remS: 5400,
  lightS: 14_400,
  awakeS: 1800,
  asleepS: 25_200,
  nights: 1,
  alsoFrom: "Apple Health · iPhone",
};
const merged = { key: "merged:", label: "All sources, merged", style: seriesStyle(0) };

describe("the Health page's one history", () => {
  it("shows a night once, with the sources that also recorded it in the table and under the chart", () => {
    const section = (view: "chart" | "table") =>
      renderToStaticMarkup(
        createElement(SleepSection, {
          groups: [{ source: merged, rows: [night] }],
          isMerged: true,
          copyNote: "Also from Apple Health · iPhone (1 night): the same nights, counted once.",
          domain: timeDomain(DAY, DAY, "day"),
          view,
          hasEver: true,
          rangeText: `from ${DAY} to ${DAY}`,
        }),
      );
    const table = section("table");
    expect(table).toContain("Also from");
    expect(table).toContain("Apple Health · iPhone");
    expect(section("chart")).toContain("Also from Apple Health · iPhone (1 night)");
  });

  it("names a weigh-in's copies beside the one that counts", () => {
    const html = renderToStaticMarkup(
      createElement(WeightTable, {
        records: [
          {
            id: "w-1",
            date: DAY,
            measuredAt: `${DAY}T05:31:00.000Z`,
            weightKg: 72.4,
            bmi: null,
            unit: "kg",
            source: "garmin",
            sourceId: "g-1",
            syncStatus: "pending",
          },
        ],
        units: "metric",
        sourceLabel: (record) => (record.source === "garmin" ? "Garmin" : `Apple Health · ${record.sourceId}`),
        copies: new Map([["w-1", [{ provider: "apple_health", sourceId: "Withings" }]]]),
      }),
    );
    expect(html).toContain("Garmin");
    expect(html).toContain("also from Apple Health · Withings");
  });

  it("shows steps and distance totals from the merged days, and nothing without them", () => {
    const html = renderToStaticMarkup(
      createElement(HealthTotals, {
        totals: { steps: { total: 24_860, days: 2 }, distance: { total: 18_200, days: 2 } },
        units: "metric",
      }),
    );
    expect(html).toContain("24,860");
    expect(html).toContain("12,430 a day");
    expect(html).toContain("18.20 km");
    expect(
      renderToStaticMarkup(createElement(HealthTotals, { totals: { steps: null, distance: null }, units: "metric" })),
    ).toBe("");
  });
});
