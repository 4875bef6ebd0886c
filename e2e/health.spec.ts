import { expect, test, type Locator } from "@playwright/test";
import { createApiKey, saveScreenshot, signUp, uniqueEmail } from "./helpers";

// The Health page against data posted the way a phone posts it: what the charts and tables
// show must be exactly what was sent, averaged per week where the range asks for it.

test.use({ storageState: { cookies: [], origins: [] } });

const DAY_MS = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
const monday = (date: string) => {
  const at = new Date(`${date}T00:00:00Z`);
  return new Date(at.getTime() - ((at.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
};

// HRV on the last 60 days and on ten days ten months ago; one value per day at local
// midnight, which is how Health Auto Export sends day totals.
const HRV = [...Array.from({ length: 60 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => 300 + i)].map(
  (ago) => ({ date: daysAgo(ago), value: 40 + (ago % 9) * 2.5 }),
);
const NIGHTS = Array.from({ length: 14 }, (_, i) => ({
  ago: i,
  date: daysAgo(i),
  deep: 1 + (i % 3) * 0.25,
  rem: 1.5,
  core: 4,
  awake: 0.5,
}));
const midnight = (date: string) => `${date} 00:00:00 +0000`;

function phoneExport() {
  const daily = (name: string, units: string, source: string, points: Array<{ date: string; value: number }>) => ({
    name,
    units,
    data: points.map((point) => ({ date: midnight(point.date), qty: point.value, source })),
  });
  const last30 = Array.from({ length: 30 }, (_, i) => daysAgo(i));
  return {
    data: {
      metrics: [
        daily("heart_rate_variability", "ms", "Ana's Apple Watch", HRV),
        daily(
          "resting_heart_rate",
          "count/min",
          "Ana's Apple Watch",
          last30.map((date, i) => ({ date, value: 52 + (i % 5) })),
        ),
        daily(
          "step_count",
          "count",
          "Ana's Apple Watch",
          last30.map((date, i) => ({ date, value: 8000 + i * 150 })),
        ),
        daily(
          "step_count",
          "count",
          "Ana's iPhone",
          last30.map((date, i) => ({ date, value: 6000 + (i % 7) * 400 })),
        ),
        {
          name: "weight_body_mass",
          units: "kg",
          data: [3, 10, 17, 24].map((ago, i) => ({
            date: `${daysAgo(ago)} 07:00:00 +0000`,
            qty: 72.4 - i * 0.3,
            source: "Ana's Scale",
          })),
        },
        {
          name: "body_mass_index",
          units: "count",
          data: [3, 10, 17, 24].map((ago, i) => ({
            date: `${daysAgo(ago)} 07:00:00 +0000`,
            qty: 23.6 - i * 0.1,
            source: "Ana's Scale",
          })),
        },
        {
          name: "sleep_analysis",
          units: "hr",
          data: NIGHTS.map((night) => ({
            date: night.date,
            totalSleep: night.deep + night.rem + night.core,
            asleep: 0,
            core: night.core,
            deep: night.deep,
            rem: night.rem,
            awake: night.awake,
            sleepStart: `${daysAgo(night.ago + 1)} 23:00:00 +0000`,
            sleepEnd: `${night.date} 07:00:00 +0000`,
            inBed: 8.25,
            inBedStart: `${daysAgo(night.ago + 1)} 22:50:00 +0000`,
            inBedEnd: `${night.date} 07:05:00 +0000`,
            source: "Ana's Apple Watch",
          })),
        },
      ],
    },
  };
}

const androidExport = () => ({
  timestamp: new Date().toISOString(),
  app_version: "2.4.0",
  weight: [5, 12].map((ago, i) => ({
    kilograms: 73 - i,
    time: `${daysAgo(ago)}T06:30:00Z`,
    metadata: { data_origin: "com.withings.wiscale2", recording_method: "automatically_recorded", id: `w-${ago}` },
  })),
});

async function pointsOf(chart: Locator) {
  return chart
    .locator("[data-point]")
    .evaluateAll((nodes) =>
      nodes.map((node) => ({ date: node.getAttribute("data-date")!, value: Number(node.getAttribute("data-value")) })),
    );
}

const inRange = (start: string, end: string) =>
  HRV.filter((point) => point.date >= start && point.date <= end).sort((a, b) => a.date.localeCompare(b.date));

function weeklyAverages(start: string, end: string) {
  const weeks = new Map<string, number[]>();
  for (const point of inRange(start, end))
    weeks.set(monday(point.date), [...(weeks.get(monday(point.date)) ?? []), point.value]);
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, values]) => ({ date, value: values.reduce((sum, value) => sum + value, 0) / values.length }));
}

function expectPoints(
  actual: Array<{ date: string; value: number }>,
  expected: Array<{ date: string; value: number }>,
) {
  expect(actual.map((point) => point.date)).toEqual(expected.map((point) => point.date));
  expected.forEach((point, index) => expect(actual[index]!.value).toBeCloseTo(point.value, 6));
}

test("an empty account sees on every chart which sources would fill it", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("health-empty"), password: "nothing measured yet" });
  await page.goto("/dashboard/health");
  await expect(page.getByRole("heading", { name: "No health data yet" })).toBeVisible();
  // Eight charts and the weigh-in table.
  await expect(page.locator("[data-empty]")).toHaveCount(9);
  await expect(page.getByTestId("weight-section")).toContainText("No weigh-ins");
  await expect(page.getByTestId("health-hrv")).toContainText(
    /Connect .*Oura.* to see HRV, or send it from Apple Health\./,
  );
  await expect(page.getByTestId("health-readiness")).toContainText(
    "Connect Oura, WHOOP or Polar to see readiness and recovery scores.",
  );
  await expect(page.getByTestId("health-weight")).toContainText("or send it from Apple Health or Health Connect.");
  await expect(page.locator("svg[data-testid^=chart-]")).toHaveCount(0);
  await saveScreenshot(page, "health-empty");
});

test("charts and tables show exactly what the phones sent, per source and range", async ({ page, request }) => {
  test.setTimeout(90_000);
  await signUp(page, { email: uniqueEmail("health"), password: "heart rate variability" });
  const key = await createApiKey(page, "Phones");
  const headers = { "x-api-key": key, "content-type": "application/json" };
  expect((await request.post("/api/webhooks/ingest", { headers, data: phoneExport() })).status()).toBe(200);
  expect((await request.post("/api/webhooks/ingest", { headers, data: androidExport() })).status()).toBe(200);

  await page.goto("/dashboard/health");
  const hrv = page.getByTestId("chart-hrv");
  await expect(hrv).toHaveAttribute("data-bucket", "day");
  expectPoints(await pointsOf(hrv), inRange(daysAgo(29), today));
  await expect(hrv.locator("title").first()).toHaveText("Heart rate variability");
  // The page's JavaScript as sent over the wire (compressed), cached or not.
  await page.waitForLoadState("networkidle");
  const scriptBytes = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === "script")
      .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).encodedBodySize, 0),
  );
  expect(scriptBytes).toBeGreaterThan(0);
  expect(scriptBytes).toBeLessThan(200_000);

  // Two devices counting steps: a line each, and the merged line that counts each hour once.
  const steps = page.getByTestId("health-steps");
  await expect(steps.locator("[data-series]")).toHaveCount(3);
  await expect(steps.locator('[data-series="merged:"]')).toHaveCount(1);
  await expect(steps.getByRole("list", { name: "Sources" })).toHaveText(
    /All sources, merged.*Apple Health · Ana's Apple Watch.*Apple Health · Ana's iPhone/,
  );
  // Weight from Apple Health and from Health Connect.
  const weight = page.getByTestId("chart-weight");
  await expect(weight.locator("[data-series]")).toHaveCount(2);
  expect(
    (await pointsOf(weight.locator('[data-series="health_connect:com.withings.wiscale2"]'))).map(
      (point) => point.value,
    ),
  ).toEqual([72, 73]);
  // Fourteen nights, stage by stage.
  const nights = page.getByTestId("chart-sleep-0").locator("[data-night]");
  await expect(nights).toHaveCount(14);
  await expect(nights.last()).toHaveAttribute("data-date", today);
  await expect(nights.last()).toHaveAttribute("data-deep-s", String(NIGHTS[0]!.deep * 3600));
  await saveScreenshot(page, "health");

  await page.getByRole("navigation", { name: "Range" }).getByRole("link", { name: "1 year" }).click();
  await expect(page).toHaveURL(/\?range=1y$/);
  await expect(hrv).toHaveAttribute("data-bucket", "week");
  expectPoints(await pointsOf(hrv), weeklyAverages(daysAgo(364), today));
  await saveScreenshot(page, "health-1y");

  await page.getByRole("navigation", { name: "Range" }).getByRole("link", { name: "All" }).click();
  expectPoints(await pointsOf(hrv), weeklyAverages(daysAgo(309), today));

  const custom = page.getByRole("form", { name: "Custom range" });
  await custom.getByLabel("From").fill(daysAgo(50));
  await custom.getByLabel("To").fill(daysAgo(40));
  await custom.getByRole("button", { name: "Show range" }).click();
  await expect(page).toHaveURL(new RegExp(`range=custom&from=${daysAgo(50)}&to=${daysAgo(40)}`));
  expectPoints(await pointsOf(hrv), inRange(daysAgo(50), daysAgo(40)));
  await expect(page.getByTestId("health-steps")).toContainText("Nothing recorded from");

  await page.getByRole("navigation", { name: "View" }).getByRole("link", { name: "Tables" }).click();
  await expect(page).toHaveURL(/view=table/);
  const rows = page.getByTestId("health-hrv").locator("tbody tr");
  await expect(rows).toHaveCount(11);
  await expect(rows.first().locator("td")).toHaveText([
    daysAgo(40),
    `${HRV[40]!.value} ms`,
    "Apple Health · Ana's Apple Watch",
  ]);
  await expect(page.locator("svg[data-testid^=chart-]")).toHaveCount(0);

  await page.getByRole("navigation", { name: "Range" }).getByRole("link", { name: "30 days" }).click();
  await expect(page).toHaveURL(/\/dashboard\/health\?view=table$/);
  await expect(page.getByTestId("health-sleep").locator("tbody tr")).toHaveCount(14);
  await saveScreenshot(page, "health-table");

  // The same sources keep their look in dark mode, drawn from the dark palette.
  const strokes = () =>
    page
      .getByTestId("chart-steps")
      .locator("polyline")
      .evaluateAll((lines) => lines.map((line) => getComputedStyle(line).stroke));
  await page.goto("/dashboard/health");
  const light = await strokes();
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await strokes();
  // Two devices and the merged line, each its own colour.
  expect(new Set(light).size).toBe(3);
  expect(new Set(dark).size).toBe(3);
  expect(dark[0]).not.toBe(light[0]);
  await saveScreenshot(page, "health-dark");
});

test("a broken link falls back to 30 days and says why", async ({ page, request }) => {
  await signUp(page, { email: uniqueEmail("health-link"), password: "a link with typos" });
  const key = await createApiKey(page, "Phones");
  expect(
    (
      await request.post("/api/webhooks/ingest", {
        headers: { "x-api-key": key, "content-type": "application/json" },
        data: phoneExport(),
      })
    ).status(),
  ).toBe(200);

  const response = await page.goto("/dashboard/health?range=banana&view=pie");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("status").first()).toHaveText(
    'Showing the last 30 days: "range" must be 30d, 1y, all or custom.',
  );
  await expect(page.getByRole("status").nth(1)).toHaveText('Showing charts: "view" must be chart or table.');
  expectPoints(await pointsOf(page.getByTestId("chart-hrv")), inRange(daysAgo(29), today));

  await page.goto(`/dashboard/health?range=custom&from=${daysAgo(3)}&to=${daysAgo(9)}`);
  await expect(page.getByRole("status")).toHaveText('Showing the last 30 days: "from" must not be after to.');
});

test("the Health page fits a phone", async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page, { email: uniqueEmail("health-phone"), password: "charts on a small screen" });
  const key = await createApiKey(page, "Phones");
  const headers = { "x-api-key": key, "content-type": "application/json" };
  expect((await request.post("/api/webhooks/ingest", { headers, data: phoneExport() })).status()).toBe(200);
  expect((await request.post("/api/webhooks/ingest", { headers, data: androidExport() })).status()).toBe(200);
  for (const [path, shot] of [
    ["/dashboard/health", "phone-health"],
    ["/dashboard/health?view=table", "phone-health-table"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Health" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, shot);
  }
});
