import { expect, test, type Page } from "@playwright/test";
import { createApiKey, saveScreenshot, signUp, uniqueEmail } from "./helpers";

test.use({ storageState: { cookies: [], origins: [] } });

const WATCH = "Paula's Apple Watch";
// 07:00 in Berlin (UTC+01:00), 45 minutes.
const START = "2026-11-20 07:00:00 +0100";
const START_MS = Date.parse("2026-11-20T06:00:00Z");
const local = (seconds: number) => {
  const date = new Date(START_MS + 3_600_000 + seconds * 1000).toISOString();
  return `${date.slice(0, 10)} ${date.slice(11, 19)} +0100`;
};

// A loop in the Tiergarten: 40 points on an ellipse.
const ROUTE = Array.from({ length: 40 }, (_, i) => ({
  latitude: 52.5145 + 0.006 * Math.sin((2 * Math.PI * i) / 39),
  longitude: 13.35 + 0.012 * Math.cos((2 * Math.PI * i) / 39),
}));
// 90 points inside the workout (every 30 s from 0:00 to 44:30): a warm-up climbing from 121 to
// a 178 bpm finish with a little wobble on the way, plus one point after the workout ended.
const wobble = (i: number) => (i === 0 || i === 89 ? 0 : Math.round(3 * Math.sin(i / 2)));
const HEART_RATE = Array.from({ length: 90 }, (_, i) => ({
  date: local(i * 30),
  Avg: Math.min(177, 121 + Math.round(57 * (i / 89) ** 0.5) + wobble(i)),
  units: "count/min",
  source: WATCH,
}));
HEART_RATE[89]!.Avg = 178;
const AFTER_END = { date: local(2700 + 120), Avg: 95, units: "count/min", source: WATCH };
// Running speed once a minute, swinging between 3.0 and 3.6 m/s: 5:33 to 4:38 per km.
const SPEED = Array.from({ length: 45 }, (_, i) => ({
  date: local(i * 60),
  qty: 3.3 + 0.3 * Math.sin((2 * Math.PI * i) / 20),
  source: WATCH,
}));

function workoutBody() {
  return {
    data: {
      metrics: [{ name: "running_speed", units: "m/s", data: SPEED }],
      workouts: [
        {
          id: "A1B2C3D4-0000-4000-8000-000000000042",
          name: "Outdoor Run",
          start: START,
          end: local(2700),
          duration: 2700,
          source: WATCH,
          distance: { qty: 8.2, units: "km" },
          activeEnergyBurned: { qty: 512, units: "kcal" },
          elevationUp: { qty: 42, units: "m" },
          heartRate: {
            min: { qty: 121, units: "count/min" },
            avg: { qty: 149, units: "count/min" },
            max: { qty: 178, units: "count/min" },
          },
          heartRateData: [...HEART_RATE, AFTER_END],
          route: ROUTE,
        },
        // No route and no samples: the empty states.
        {
          id: "A1B2C3D4-0000-4000-8000-000000000043",
          name: "Yoga",
          start: "2026-11-19 19:00:00 +0100",
          end: "2026-11-19 19:30:00 +0100",
          duration: 1800,
        },
      ],
    },
  };
}

async function pushWorkouts(page: Page) {
  const key = await createApiKey(page);
  const pushed = await page.request.post("/api/webhooks/ingest", {
    headers: { "x-api-key": key, "content-type": "application/json" },
    data: workoutBody(),
  });
  expect(pushed.status()).toBe(200);
}

/** The [x, y] pairs of an SVG path made of M and L commands. */
const pathPoints = (d: string) =>
  [...d.matchAll(/[ML]([\d.-]+) ([\d.-]+)/g)].map((match) => [Number(match[1]), Number(match[2])]);

test("an activity opens from the list with its stats, route, heart-rate and pace charts", async ({ page }) => {
  await signUp(page, { name: "Paula", email: uniqueEmail("detail"), password: "tempo run on tuesday" });
  await pushWorkouts(page);

  await page.goto("/dashboard/activities");
  await page.getByRole("link", { name: "Outdoor Run" }).click();
  await expect(page).toHaveURL(/\/dashboard\/activities\/[0-9a-f-]{36}$/);
  const detailUrl = page.url();

  await expect(page.getByRole("heading", { level: 1, name: "Outdoor Run" })).toBeVisible();
  await expect(page.getByTestId("activity-start")).toHaveText("Friday 20 November 2026, 07:00 (UTC+01:00)");
  await expect(page.getByTestId("activity-type")).toHaveText("run · Outdoor Run");
  await expect(page.getByTestId("activity-source")).toHaveText("From Apple Health");
  // Apple Health has no public activity pages.
  await expect(page.getByRole("link", { name: /^View on/ })).toHaveCount(0);

  await expect(page.getByTestId("stat-distance")).toContainText("8.20 km");
  await expect(page.getByTestId("stat-duration")).toContainText("45:00");
  // 8.2 km in 45:00 is 5:29 per km.
  await expect(page.getByTestId("stat-speed")).toContainText("5:29 /km");
  await expect(page.getByTestId("stat-elevation")).toContainText("42 m");
  await expect(page.getByTestId("stat-energy")).toContainText("512 kcal");
  await expect(page.getByTestId("stat-avg-heart-rate")).toContainText("149 bpm");
  await expect(page.getByTestId("stat-max-heart-rate")).toContainText("178 bpm");
  await expect(page.getByTestId("stat-avg-power")).toHaveCount(0);

  const route = page.getByTestId("route-path");
  await expect(route).toBeVisible();
  expect(pathPoints((await route.getAttribute("d"))!).length).toBeGreaterThan(10);
  await expect(page.getByTestId("route-start")).toBeVisible();
  await expect(page.getByTestId("route-end")).toBeVisible();

  // Every seeded point inside the workout, none from after it ended, spread over the whole width.
  const heartRate = page.getByTestId("heart-rate-line");
  const points = pathPoints((await heartRate.getAttribute("d"))!);
  expect(points).toHaveLength(90);
  expect(points[0]![0]).toBe(0);
  expect(points.at(-1)![0]).toBeCloseTo((2670 / 2700) * 1000, 0);
  const ys = points.map(([, y]) => y!);
  // 121 and 178 bpm sit just inside the plot's 0–200 height, the higher value nearer the top.
  expect(Math.min(...ys)).toBeGreaterThan(0);
  expect(Math.max(...ys)).toBeLessThan(200);
  await expect(page.getByTestId("heart-rate-chart").locator("desc")).toHaveText(
    `90 samples from Apple Health · ${WATCH}, 121 to 178 bpm, over 45:00.`,
  );
  await expect(page.getByTestId("heart-rate-y-labels")).toContainText("140");

  await expect(page.getByTestId("speed-chart")).toContainText("Pace");
  await expect(page.getByTestId("speed-chart").locator("desc")).toHaveText(
    `45 samples from Apple Health · ${WATCH}, 4:38 to 5:33 min/km, over 45:00.`,
  );
  await saveScreenshot(page, "activity-detail");
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot(page, "activity-detail-dark");
  await page.emulateMedia({ colorScheme: "light" });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("heart-rate-line")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await saveScreenshot(page, "activity-detail-phone");

  // The Overview's recent list links to the same page.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/dashboard");
  await page.getByTestId("recent-activities").getByRole("link", { name: "Outdoor Run" }).click();
  await expect(page).toHaveURL(detailUrl);

  await page.goto("/dashboard/activities");
  await page.getByRole("link", { name: "Yoga" }).click();
  await expect(page.getByText("No GPS route for this activity")).toBeVisible();
  await expect(page.getByTestId("charts-empty")).toHaveText(
    "No heart-rate samples were recorded during this activity.",
  );
  await saveScreenshot(page, "activity-detail-empty");

  // Someone else's activity, and an id that is no uuid at all: the same 404.
  await page.context().clearCookies();
  await signUp(page, { email: uniqueEmail("stranger"), password: "not my activity at all" });
  const foreign = await page.goto(detailUrl);
  expect(foreign!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Activity not found" })).toBeVisible();
  await expect(page.getByText("Outdoor Run")).toHaveCount(0);
  const malformed = await page.goto("/dashboard/activities/not-a-uuid");
  expect(malformed!.status()).toBe(404);
});

test("a Strava activity links to its page on strava.com", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, { email: uniqueEmail("strava-detail"), password: "kudos for the long run" });
  await page.goto("/dashboard/settings");
  await page.getByRole("link", { name: "Connect Strava", exact: true }).click();
  await page.getByLabel("Sandbox account").fill("athlete");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page).toHaveURL(/\/dashboard\/settings/);

  // The first sync runs in the background; the list fills once it has.
  await expect(async () => {
    await page.goto("/dashboard/activities?source=strava");
    await expect(page.locator("tbody tr").first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await page.locator("tbody tr").first().getByRole("link").click();
  await expect(page.getByTestId("activity-source")).toHaveText("From Strava");
  await expect(page.getByRole("link", { name: "View on Strava ↗" })).toHaveAttribute(
    "href",
    /^https:\/\/www\.strava\.com\/activities\/\d+$/,
  );
  await saveScreenshot(page, "activity-detail-strava");
});
