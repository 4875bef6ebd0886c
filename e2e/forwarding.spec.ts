import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, signUp, uniqueEmail } from "./helpers";

// COROS's recent activities forwarded to Strava from Settings → Forwarding: the dry run, the
// real run doing exactly that, and nothing sent twice. (Linking the copy to its original is
// asserted in tests/integration/activity-merge.test.ts.)

test.use({ storageState: { cookies: [], origins: [] } });

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

/** Whether both accounts' first syncs are over: a rule made before would be run by the sync's end. */
async function firstSyncsDone(page: Page, sources: string[]): Promise<boolean> {
  const response = await page.request.get("/api/v1/sources");
  expect(response.status()).toBe(200);
  const { connections } = (await response.json()) as {
    connections: { source: string; lastSyncedAt: string | null }[];
  };
  return sources.every((source) => connections.some((row) => row.source === source && row.lastSyncedAt));
}

async function chooseOption(page: Page, label: string, text: string) {
  const select = page.getByRole("combobox", { name: label, exact: true });
  const value = await select.evaluate(
    (element, start) =>
      [...(element as HTMLSelectElement).options].find((option) => option.text.startsWith(start))?.value,
    text,
  );
  expect(value, `an option starting with ${text}`).toBeTruthy();
  await select.selectOption(value!);
}

test("forwards COROS's activities to Strava: dry run, run, nothing twice", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, { email: uniqueEmail("forwarding"), password: "one history across accounts" });
  await page.goto("/dashboard/settings/forwarding");
  await expect(page.getByRole("heading", { name: "Link two accounts first" })).toBeVisible();

  await connect(page, "COROS");
  await connect(page, "Strava");
  const from = isoDay(14);
  // Forwarding runs by itself after each sync of the source; waiting for the first syncs to end
  // keeps this test's runs to the ones it starts (and Strava's copies all in before the plan).
  await expect.poll(() => firstSyncsDone(page, ["coros", "strava"]), { timeout: 90_000 }).toBe(true);
  const corosRecent = await activityCount(page, "coros", from);

  await page.goto("/dashboard/settings/forwarding");
  const form = page.getByRole("form", { name: "New forwarding rule" });
  await chooseOption(page, "Source account", "COROS");
  await chooseOption(page, "Destination account", "Strava");
  await form.getByLabel("Start date").fill(from);
  await form.getByLabel("Skip it").check();
  await saveScreenshot(page, "forwarding-new-rule");
  await form.getByRole("button", { name: "Create rule" }).click();

  const rule = page.getByTestId("forwarding-rule").first();
  await expect(rule).toBeVisible();
  await rule.getByRole("button", { name: "Preview (dry run)" }).click();
  const plan = page.getByTestId("forwarding-plan");
  await expect(plan.getByTestId("forwarding-plan-item")).toHaveCount(corosRecent);
  // The sandboxes keep one training week, so a Strava activity of its own may start within the
  // tolerance of a COROS one: that one is skipped as already there.
  const uploads = await plan.locator('[data-testid="forwarding-plan-item"][data-action="upload"]').count();
  const skipped = await plan.locator('[data-testid="forwarding-plan-item"][data-action="skip_existing"]').count();
  const actions = await plan
    .getByTestId("forwarding-plan-item")
    .evaluateAll((rows) => rows.map((row) => `${row.getAttribute("data-action")}: ${row.textContent}`));
  expect(uploads).toBeGreaterThan(0);
  expect(uploads + skipped, actions.join("\n")).toBe(corosRecent);
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
  await expect(again.locator('[data-testid="forwarding-plan-item"][data-action="skip_existing"]')).toHaveCount(skipped);
});
