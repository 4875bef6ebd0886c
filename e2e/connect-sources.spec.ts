import { expect, test, type Page } from "@playwright/test";
import { sandboxCredentials } from "../src/sandbox/accounts";
import { saveScreenshot, signUp, uniqueEmail } from "./helpers";

// Every provider, end to end through the built-in sandbox: the person's own clicks only.
const PROVIDERS = ["Strava", "Garmin", "Oura", "WHOOP", "Fitbit (Google Health)", "Polar", "COROS"];

test.use({ storageState: { cookies: [], origins: [] } });

const card = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function connect(page: Page, name: string, decision: "Approve" | "Deny" = "Approve", account = "athlete") {
  await page.getByRole("link", { name: `Connect ${name}`, exact: true }).click();
  await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();
  await page.getByLabel("Sandbox account").fill(account);
  await page.getByRole("button", { name: decision }).click();
  await expect(page).toHaveURL(/\/dashboard\/settings/);
}

/**
 * Oura's subscriptions are app-level and made on connect; the sandboxed Oura keeps one only after
 * our /api/webhooks/oura answered its challenge, so an empty list means Oura would never push.
 */
async function expectOuraPushesToUs(page: Page) {
  const { clientId, clientSecret } = sandboxCredentials("oura");
  const listed = await page.request.get("/sandbox/api.ouraring.com/v2/webhook/subscription", {
    headers: { "x-client-id": clientId, "x-client-secret": clientSecret },
  });
  expect(listed.status()).toBe(200);
  const subscriptions: Array<{ callback_url: string; event_type: string; data_type: string }> = await listed.json();
  const pairs = subscriptions.map((subscription) => `${subscription.event_type} ${subscription.data_type}`);
  for (const dataType of ["sleep", "daily_activity", "daily_readiness", "workout"]) {
    expect(pairs).toEqual(expect.arrayContaining([`create ${dataType}`, `update ${dataType}`]));
  }
  const callbackUrl = new URL("/api/webhooks/oura", page.url()).toString();
  expect(new Set(subscriptions.map((subscription) => subscription.callback_url))).toEqual(new Set([callbackUrl]));
}

test("connects all seven providers from Connected sources, then disconnects one", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, { email: uniqueEmail("sources"), password: "seven sources connected" });
  await page.goto("/dashboard/settings");
  await saveScreenshot(page, "connected-sources-empty");

  for (const name of PROVIDERS) {
    await connect(page, name);
    await expect(page.getByText(`${name} is connected`)).toBeVisible();
    // Connected, and usually already syncing its first backfill.
    await expect(card(page, name).locator('[data-testid^="connection-"]')).toHaveCount(1);
    await expect(card(page, name).getByText(/^(Connected|Syncing)$/)).toBeVisible();
  }
  await saveScreenshot(page, "connected-sources-all");
  await expectOuraPushesToUs(page);

  const oura = card(page, "Oura");
  await oura.getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("button", { name: "Disconnect, keep data" }).click();
  await expect(oura.getByRole("link", { name: "Connect Oura" })).toBeVisible();
  await expect(card(page, "Strava").locator('[data-testid^="connection-"]')).toHaveCount(1);
});

test("a denied consent says so and connects nothing", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("deny"), password: "deny the consent page" });
  await page.goto("/dashboard/settings");
  await connect(page, "WHOOP", "Deny");
  await expect(page.getByTestId("oauth-error")).toContainText("You did not allow access");
  await expect(card(page, "WHOOP").getByRole("link", { name: "Connect WHOOP" })).toBeVisible();
  await saveScreenshot(page, "connected-sources-denied");
});

test("a second account of one provider gets its own label", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("two-garmins"), password: "two garmin accounts" });
  await page.goto("/dashboard/settings");
  await connect(page, "Strava", "Approve", "first");
  const strava = card(page, "Strava");
  await strava.getByRole("button", { name: "Add another account" }).click();
  await strava.getByLabel("Label for the new Strava account").fill("Club account");
  await strava.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByLabel("Sandbox account").fill("second");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(strava.getByText("Club account", { exact: true })).toBeVisible();
  await expect(strava.getByTestId("connection-strava")).toHaveCount(2);
});

test("the first sync starts by itself and fills Activities", async ({ page }) => {
  // A first sync of two years on a busy machine (CI shares it with the rest of the suite).
  test.setTimeout(90_000);
  await signUp(page, { email: uniqueEmail("first-sync"), password: "first sync by itself" });
  await page.goto("/dashboard/settings");
  await connect(page, "Strava");
  // The page refreshes itself while the job runs.
  await expect(card(page, "Strava").getByTestId("sync-result")).toContainText(/Last sync: \d[\d,]* new/, {
    timeout: 60_000,
  });
  await saveScreenshot(page, "connected-sources-synced");
  await page
    .getByRole("navigation", { name: "Dashboard" })
    .getByRole("link", { name: "Activities", exact: true })
    .click();
  await expect(page.getByRole("row")).toHaveCount(51); // header + the newest 50
  await saveScreenshot(page, "activities-synced");

  // The next page continues where the first ended: nothing repeated, nothing skipped.
  const firstPageDates = await page.locator("tbody tr td:first-child").allTextContents();
  await page.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/after=/);
  const secondPageDates = await page.locator("tbody tr td:first-child").allTextContents();
  expect(secondPageDates).toHaveLength(50);
  expect(secondPageDates[0]! <= firstPageDates.at(-1)!).toBe(true);

  // Filters narrow the list and live in the URL.
  await page.goto("/dashboard/activities");
  await page.getByLabel("Type").selectOption("ride");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/type=ride/);
  const types = await page.locator("tbody tr td:nth-child(3)").allTextContents();
  expect(types.length).toBeGreaterThan(0);
  expect(new Set(types)).toEqual(new Set(["ride"]));
  await saveScreenshot(page, "activities-filtered");

  // The overview now has a week and the latest activities.
  await page
    .getByRole("navigation", { name: "Dashboard" })
    .getByRole("link", { name: "Overview", exact: true })
    .click();
  await expect(page.getByTestId("week-at-a-glance")).toBeVisible();
  await expect(page.getByTestId("recent-activities").getByRole("listitem")).toHaveCount(5);
  await saveScreenshot(page, "overview-synced");
});

test("Garmin's history arrives as it does at Garmin: backfill requested, then delivered by pings", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("garmin"), password: "garmin backfill pings" });
  await page.goto("/dashboard/settings");
  // An account of its own: Garmin answers 409 to a backfill it already holds, and the first test connected "athlete".
  await connect(page, "Garmin", "Approve", "garmin-history");
  // The first job only asks for the backfill; the sandbox then pings, and those jobs store the data.
  await expect(card(page, "Garmin").getByTestId("sync-result")).toContainText(/Last sync: [1-9][\d,]* new/, {
    timeout: 45_000,
  });
});
