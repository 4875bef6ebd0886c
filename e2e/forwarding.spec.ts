import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, signUp, uniqueEmail } from "./helpers";

// Garmin's recent activities forwarded to Strava from Settings → Forwarding: the dry run, the
// real run doing exactly that, nothing sent twice, and the copy on Strava linked to its original.

test.use({ storageState: { cookies: [], origins: [] } });

const card = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

async function connect(page: Page, name: string) {
  await page.goto("/dashboard/settings");
  await page.getByRole("link", { name: `Connect ${name}`, exact: true }).click();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(`${name} is connected`)).toBeVisible();
}

async function activityCount(page: Page, source: string, from: string): Promise<number> {
  const response = await page.request.get(`/api/v1/activities?source=${source}&from=${from}&limit=200`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: unknown[] }).data.length;
}

async function chooseOption(page: Page, label: string, text: string) {
  const select = page.getByLabel(label, { exact: true });
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  await select.selectOption(value!);
}

test("forwards Garmin's runs to Strava: dry run, run, nothing twice, and the copy is linked", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, { email: uniqueEmail("forwarding"), password: "one history across accounts" });
  await page.goto("/dashboard/settings/forwarding");
  await expect(page.getByRole("heading", { name: "Link two accounts first" })).toBeVisible();

  await connect(page, "Garmin");
  await connect(page, "Strava");
  const from = isoDay(14);
  await expect.poll(() => activityCount(page, "garmin", from), { timeout: 60_000 }).toBeGreaterThan(0);
  const garminRecent = await activityCount(page, "garmin", from);

  await page.goto("/dashboard/settings/forwarding");
  const form = page.getByRole("form", { name: "New forwarding rule" });
  await chooseOption(page, "Source account", "Garmin");
  await chooseOption(page, "Destination account", "Strava");
  await form.getByLabel("Start date").fill(from);
  await form.getByLabel("Skip it").check();
  await saveScreenshot(page, "forwarding-new-rule");
  await form.getByRole("button", { name: "Create rule" }).click();

  const rule = page.getByTestId("forwarding-rule").first();
  await expect(rule).toBeVisible();
  await rule.getByRole("button", { name: "Preview (dry run)" }).click();
  const plan = page.getByTestId("forwarding-plan");
  await expect(plan.getByTestId("forwarding-plan-item")).toHaveCount(garminRecent);
  const uploads = await plan.locator('[data-testid="forwarding-plan-item"][data-action="upload"]').count();
  expect(uploads).toBe(garminRecent);
  await saveScreenshot(page, "forwarding-dry-run");

  await rule.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByTestId("forwarding-run-queued")).toBeVisible();
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("forwarding-run").first().getAttribute("data-status");
      },
      { timeout: 90_000, intervals: [1000, 2000] },
    )
    .toBe("succeeded");
  const run = page.getByTestId("forwarding-run").first();
  await expect(run.locator('[data-testid="forwarding-log-entry"][data-decision="uploaded"]')).toHaveCount(uploads);
  await saveScreenshot(page, "forwarding-run-log");

  // The same rule again: everything is already forwarded.
  await page.getByTestId("forwarding-rule").first().getByRole("button", { name: "Preview (dry run)" }).click();
  const again = page.getByTestId("forwarding-plan");
  await expect(again.locator('[data-testid="forwarding-plan-item"][data-action="upload"]')).toHaveCount(0);
  await expect(again.locator('[data-testid="forwarding-plan-item"][data-action="already_done"]')).toHaveCount(uploads);

  // Strava's next sync brings the copies in, each linked to its Garmin original by the upload.
  await page.goto("/dashboard/settings");
  await card(page, "Strava").getByRole("button", { name: "Sync now" }).click();
  await expect.poll(() => activityCount(page, "strava", from), { timeout: 60_000 }).toBeGreaterThanOrEqual(uploads);
  await page.goto("/dashboard/activities");
  await expect(page.getByTestId("also-on").first()).toContainText("Strava");
  await page.getByTestId("also-on").first().locator("xpath=ancestor::tr").getByRole("link").first().click();
  const sources = page.getByTestId("activity-sources");
  await expect(sources.getByTestId("source-row")).toHaveCount(2);
  await expect(sources.getByTestId("link-explanation").first()).toContainText("Linked:");
  await saveScreenshot(page, "activity-sources");
});
