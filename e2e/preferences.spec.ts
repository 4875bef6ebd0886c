import { expect, test, type Page } from "@playwright/test";
import { healthAutoExportBody } from "../tests/fixtures/health-auto-export";
import { createApiKey, saveScreenshot, signUp, uniqueEmail } from "./helpers";

test.use({ storageState: { cookies: [], origins: [] } });

// The fixture's 8.2 km run starts 2026-11-20 at 07:00 in Berlin: 06:00 UTC, which is still
// the evening of the 19th in Los Angeles.
async function pushRun(page: Page) {
  const key = await createApiKey(page);
  const pushed = await page.request.post("/api/webhooks/ingest", {
    headers: { "x-api-key": key, "content-type": "application/json" },
    data: healthAutoExportBody(),
  });
  expect(pushed.status()).toBe(200);
}

const runRow = (page: Page) => page.getByRole("row").filter({ has: page.getByRole("link", { name: "Running" }) });
const saved = (page: Page) => page.getByRole("status").filter({ hasText: "Saved" });

test("imperial shows miles, and a chosen time zone moves activity dates and is kept after reload", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("prefs"), password: "miles before breakfast" });
  await pushRun(page);
  await page.goto("/dashboard/activities");
  await expect(runRow(page)).toContainText("2026-11-20");
  await expect(runRow(page)).toContainText("8.20 km");

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Preferences" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Preferences" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Metric/ })).toBeChecked();
  await expect(page.getByLabel("Time zone")).toHaveValue("UTC");
  await page.getByRole("radio", { name: /Imperial/ }).check();
  await page.getByLabel("Time zone").selectOption("America/Los_Angeles");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(saved(page)).toHaveText("Saved: imperial, America/Los Angeles.");
  // What was saved stays on screen: the form is not reset to its old values.
  await expect(page.getByRole("radio", { name: /Imperial/ })).toBeChecked();

  await page.reload();
  await expect(page.getByRole("radio", { name: /Imperial/ })).toBeChecked();
  await expect(page.getByLabel("Time zone")).toHaveValue("America/Los_Angeles");

  await page.goto("/dashboard/activities");
  await expect(runRow(page)).toContainText("2026-11-19");
  await expect(runRow(page)).toContainText("5.10 mi");
  await expect(runRow(page)).not.toContainText("km");
});

test("the form works from the keyboard alone", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("prefs-keys"), password: "tab tab space enter" });
  await page.goto("/dashboard/settings/preferences");
  const focusedName = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? "");

  // From the top of the page, Tab reaches the units (the checked radio) through the navigation.
  for (let presses = 0; presses < 40 && (await focusedName()) !== "unitSystem"; presses++)
    await page.keyboard.press("Tab");
  await expect(page.getByRole("radio", { name: /Metric/ })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: /Imperial/ })).toBeChecked();

  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Time zone")).toBeFocused();
  await page.keyboard.type("Asia/Tok");
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");

  // Height is shown in the units last saved (metric here), so one box in centimetres.
  await page.keyboard.press("Tab");
  expect(await focusedName()).toBe("heightCm");
  await page.keyboard.type("180");

  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Save preferences" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(saved(page)).toHaveText("Saved: imperial, Asia/Tokyo, height 5 ft 11 in.");

  await page.reload();
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  await page.getByRole("radio", { name: /Imperial/ }).focus();
  await page.keyboard.press("ArrowLeft");
  // Time zone, then feet and inches (imperial was saved), then the button.
  for (const name of ["timeZone", "heightFt", "heightIn"]) {
    await page.keyboard.press("Tab");
    expect(await focusedName()).toBe(name);
  }
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Save preferences" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(saved(page)).toHaveText("Saved: metric, Asia/Tokyo, height 180 cm.");
  await page.reload();
  await expect(page.getByRole("radio", { name: /Metric/ })).toBeChecked();
});

test.describe("in a browser set to Perth", () => {
  test.use({ timezoneId: "Australia/Perth" });

  test("someone still on UTC is offered the browser's time zone, and the first save keeps it", async ({ page }) => {
    await signUp(page, { email: uniqueEmail("prefs-perth"), password: "sunrise over the indian ocean" });
    await page.goto("/dashboard/settings/preferences");
    await expect(page.getByLabel("Time zone")).toHaveValue("Australia/Perth");
    await expect(page.getByTestId("time-zone-detected")).toContainText("Your browser is on Australia/Perth");
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(saved(page)).toHaveText("Saved: metric, Australia/Perth.");
    await page.reload();
    await expect(page.getByLabel("Time zone")).toHaveValue("Australia/Perth");
    await expect(page.getByTestId("time-zone-detected")).toHaveCount(0);
  });
});

test("the Preferences page looks right on a desktop and a phone, light and dark", async ({ page }) => {
  await signUp(page, { name: "Paula", email: uniqueEmail("prefs-shots"), password: "screenshots in the dark" });
  for (const [device, size] of [
    ["desktop", { width: 1280, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto("/dashboard/settings/preferences");
      await expect(page.getByRole("button", { name: "Save preferences" })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(page, `preferences-${device}-${colorScheme}`);
    }
  }
});
