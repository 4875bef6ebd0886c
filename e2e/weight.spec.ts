import { expect, test } from "@playwright/test";
import { createApiKey, saveScreenshot, signUp, uniqueEmail } from "./helpers";

// The Health page's Weight section through the sandboxed Fitbit (Google Health): the walk over
// its weigh-ins started with a click and followed to its end, the table it fills, and the
// comparison with Garmin, whose forward button says why it cannot forward yet.

test.use({ storageState: { cookies: [], origins: [] } });

test("syncs Fitbit's recent weight from the Health page, shows it with BMI, and compares it with Garmin", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUp(page, { email: uniqueEmail("weight"), password: "weigh-ins from fitbit" });

  await page.goto("/dashboard/health");
  const section = page.getByTestId("weight-section");
  await expect(section.getByRole("heading", { name: "Weight" })).toBeVisible();
  await expect(section.getByText(/^No weigh-ins/)).toBeVisible();
  await expect(section.getByRole("link", { name: "Connect Fitbit" })).toBeVisible();
  await saveScreenshot(page, "health-weight-empty");

  await page.goto("/dashboard/settings");
  await page.getByRole("link", { name: "Connect Fitbit (Google Health)", exact: true }).click();
  await page.getByLabel("Sandbox account").fill("weigh-e2e");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page).toHaveURL(/\/dashboard\/settings/);

  await page.goto("/dashboard/health");
  await section.getByRole("button", { name: "Sync recent (30 days)" }).click();
  await expect(section.getByTestId("weight-sync-result")).toContainText("Weight sync done", { timeout: 60_000 });

  const rows = section.getByTestId("weight-table").locator("tr[data-row]");
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText("Fitbit (Google Health)");
  // The sandbox's Fitbit knows the person's height, so every weigh-in has a BMI.
  await expect(rows.first().locator("td").nth(2)).toHaveText(/^\d+\.\d$/);
  await expect(rows.first().locator("td").nth(1)).toHaveText(/kg$/);

  // The same weigh-ins through the JSON API: id, kg, BMI, unit, date, source, sync status.
  const range = (await section
    .getByTestId("weight-table")
    .locator("tr[data-row]")
    .evaluateAll((all) => all.map((row) => row.getAttribute("data-date")!))) as string[];
  const query = await page.request.get(
    `/api/metrics/query?source=fitbit&metric_type=weight&start_date=${range.at(-1)}&end_date=${range[0]}`,
  );
  expect(query.status()).toBe(200);
  const { records } = (await query.json()) as { records: Array<Record<string, unknown>> };
  expect(records).toHaveLength(range.length);
  expect(records[0]).toEqual({
    id: expect.any(String),
    date: range.at(-1),
    measuredAt: expect.any(String),
    weightKg: expect.any(Number),
    bmi: expect.any(Number),
    unit: "kg",
    source: "fitbit",
    sourceId: expect.any(String),
    syncStatus: "pending",
  });
  await saveScreenshot(page, "health-weight-table");

  await section.getByRole("button", { name: "Compare sources" }).click();
  const dialog = page.getByRole("dialog", { name: "Compare weight sources" });
  await expect(dialog.getByLabel("Source A")).toHaveValue("fitbit");
  await expect(dialog.getByLabel("Source B")).toHaveValue("garmin");
  await dialog.getByLabel("From").fill(range.at(-1)!);
  await dialog.getByLabel("To").fill(range[0]!);
  await dialog.getByRole("button", { name: "Compare", exact: true }).click();
  const comparison = dialog.getByTestId("weight-comparison");
  await expect(comparison.getByRole("heading", { name: /^Only in Fitbit \(Google Health\) \(\d+\)$/ })).toBeVisible();
  await expect(comparison).toContainText(`${range.length} weigh-ins`);
  await saveScreenshot(page, "health-weight-compare");

  await dialog.getByRole("button", { name: /^Forward \d+ missing to Garmin$/ }).click();
  await expect(dialog.getByRole("alert")).toContainText("No destination that accepts weight is linked");
});

test("starting a weight sync over the JSON API names a bad scope and answers 404 without Fitbit, with a session or a key", async ({
  page,
  playwright,
}) => {
  await signUp(page, { email: uniqueEmail("weight-api"), password: "weight sync api errors" });
  const bad = await page.request.post("/api/sync/fitbit/weight", { data: { scope: "week" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toContain("scope");
  const none = await page.request.post("/api/sync/fitbit/weight", { data: { scope: "30d" } });
  expect(none.status()).toBe(404);
  const compare = await page.request.post("/api/sync/compare-weight", {
    data: { start_date: "2026-01-01", end_date: "2026-01-31" },
  });
  expect(compare.status()).toBe(200);
  expect(await compare.json()).toMatchObject({ sourceA: "fitbit", sourceB: "garmin", onlyInA: [], onlyInB: [] });
  const forward = await page.request.post("/api/sync/forward-weight", {
    data: { start_date: "2026-01-01", end_date: "2026-01-31" },
  });
  expect(forward.status()).toBe(409);

  // A script with an API key and no session gets the same answers; a wrong key gets 401.
  const key = await createApiKey(page, "weight script");
  const script = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const asScript = (headers: Record<string, string>) =>
      script.post("/api/sync/fitbit/weight", { headers, data: { scope: "30d" } });
    expect((await asScript({ "x-api-key": key })).status()).toBe(404);
    expect((await asScript({ "x-api-key": `qt_${"A".repeat(43)}` })).status()).toBe(401);
    const query = await script.get("/api/metrics/query?metric_type=weight&source=fitbit", {
      headers: { "x-api-key": key },
    });
    expect(query.status()).toBe(200);
    expect(await query.json()).toMatchObject({ metric: "weight", unit: "kg", records: [] });
  } finally {
    await script.dispose();
  }
});

test("a height set in Preferences is kept, in the person's units", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("height"), password: "height for bmi" });
  await page.goto("/dashboard/settings/preferences");
  const height = page.getByRole("group", { name: "Height" }).getByRole("spinbutton");
  await height.fill("178");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("form", { name: "Preferences" }).getByRole("status")).toContainText("height 178 cm");
  await page.reload();
  await expect(page.getByRole("group", { name: "Height" }).getByRole("spinbutton")).toHaveValue("178");
});
