import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./helpers";

const PAGES = [
  { path: "/dashboard", nav: "Overview", heading: /Hello/, empty: "Nothing here yet", shot: "overview" },
  { path: "/dashboard/activities", nav: "Activities", heading: "Activities", empty: "No activities yet", shot: "activities" },
  { path: "/dashboard/health", nav: "Health", heading: "Health", empty: "No health data yet", shot: "health" },
  { path: "/dashboard/settings", nav: "Connected sources", heading: "Connected sources", empty: undefined, shot: "connected-sources" },
  { path: "/dashboard/settings/api-keys", nav: "API keys", heading: "API keys", empty: "No API keys yet", shot: "api-keys" },
];

test("every dashboard page is reachable from the navigation and says what to do next", async ({ page }) => {
  await page.goto("/dashboard");
  for (const entry of PAGES) {
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: entry.nav, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${entry.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: entry.heading })).toBeVisible();
    if (entry.empty) await expect(page.getByRole("heading", { name: entry.empty })).toBeVisible();
    else await expect(page.getByRole("link", { name: "Connect Strava" })).toBeVisible();
    await saveScreenshot(page, `desktop-${entry.shot}`);
  }
});

test("the dashboard fits a phone screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const entry of PAGES) {
    await page.goto(entry.path);
    await expect(page.getByRole("heading", { level: 1, name: entry.heading })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, `phone-${entry.shot}`);
  }
});

test("the health endpoint reports the embedded database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.ok()).toBe(true);
  expect(await response.json()).toMatchObject({ status: "ok", database: { mode: "pglite", ok: true } });
});
