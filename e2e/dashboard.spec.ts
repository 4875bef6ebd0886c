import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot } from "./helpers";

// `next` is what a new account is shown to do on that page: an empty state or a first control.
const emptyState = (name: string) => (page: Page) => page.getByRole("heading", { name });
const PAGES = [
  { path: "/dashboard", nav: "Overview", heading: /Hello/, next: emptyState("Nothing here yet"), shot: "overview" },
  {
    path: "/dashboard/activities",
    nav: "Activities",
    heading: "Activities",
    next: emptyState("No activities yet"),
    shot: "activities",
  },
  {
    path: "/dashboard/health",
    nav: "Health",
    heading: "Health",
    next: emptyState("No health data yet"),
    shot: "health",
  },
  {
    path: "/dashboard/workouts",
    nav: "Workouts",
    heading: "Workouts",
    next: emptyState("No workouts yet"),
    shot: "workouts",
  },
  {
    path: "/dashboard/settings",
    nav: "Connected sources",
    heading: "Connected sources",
    next: (page: Page) => page.getByRole("link", { name: "Connect Strava" }),
    shot: "connected-sources",
  },
  {
    path: "/dashboard/settings/sources",
    nav: "Source order",
    heading: "Sources",
    next: emptyState("No sources yet"),
    shot: "source-order",
  },
  {
    path: "/dashboard/settings/forwarding",
    nav: "Forwarding",
    heading: "Forwarding",
    next: emptyState("Link two accounts first"),
    shot: "forwarding",
  },
  {
    path: "/dashboard/settings/api-keys",
    nav: "API keys",
    heading: "API keys",
    next: emptyState("No API keys yet"),
    shot: "api-keys",
  },
  {
    path: "/dashboard/settings/webhooks",
    nav: "Webhooks",
    heading: "Webhooks",
    next: emptyState("No webhook endpoints yet"),
    shot: "webhooks",
  },
  {
    path: "/dashboard/settings/preferences",
    nav: "Preferences",
    heading: "Preferences",
    next: (page: Page) => page.getByRole("button", { name: "Save preferences" }),
    shot: "preferences",
  },
  {
    path: "/dashboard/settings/ai",
    nav: "AI tools",
    heading: "AI tools",
    next: (page: Page) => page.getByRole("heading", { name: "Connect an AI client" }),
    shot: "ai-tools",
  },
];

test("every dashboard page is reachable from the navigation and says what to do next", async ({ page }) => {
  await page.goto("/dashboard");
  for (const entry of PAGES) {
    await page
      .getByRole("navigation", { name: "Dashboard" })
      .getByRole("link", { name: entry.nav, exact: true })
      .click();
    await expect(page).toHaveURL(new RegExp(`${entry.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: entry.heading })).toBeVisible();
    await expect(entry.next(page)).toBeVisible();
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
