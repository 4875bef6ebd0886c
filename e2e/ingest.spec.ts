import { expect, test } from "@playwright/test";
import { healthAutoExportBody } from "../tests/fixtures/health-auto-export";
import { saveScreenshot, signUp, uniqueEmail } from "./helpers";

test.use({ storageState: { cookies: [], origins: [] } });

test("an API key from Settings lets the phone push, and Connected sources shows it arrived", async ({
  page,
  request,
}) => {
  await signUp(page, { email: uniqueEmail("phone"), password: "push from my phone" });
  await page.goto("/dashboard/settings/api-keys");
  await page.getByLabel("Key name").fill("iPhone");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^qt_[A-Za-z0-9_-]{43}$/);
  await saveScreenshot(page, "api-keys-created");

  const pushed = await request.post("/api/webhooks/ingest", {
    headers: { "x-api-key": key, "content-type": "application/json" },
    data: healthAutoExportBody(),
  });
  expect(pushed.status()).toBe(200);
  expect(await pushed.json()).toMatchObject({ format: "health-auto-export", counts: { activities: { inserted: 1 } } });

  await page.goto("/dashboard/settings");
  await expect(page.getByTestId("push-status-apple_health")).toContainText("1 workout");
  await saveScreenshot(page, "connected-sources-apple-health");

  // Revoked: the same key now gets the same 401 as no key at all.
  await page.goto("/dashboard/settings/api-keys");
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("Revoked", { exact: true })).toBeVisible();
  const refused = await request.post("/api/webhooks/ingest", {
    headers: { "x-api-key": key, "content-type": "application/json" },
    data: healthAutoExportBody(),
  });
  expect(refused.status()).toBe(401);
});

test("the ingest endpoint refuses without a key, the wrong content type, and an oversized body", async ({
  page,
  request,
}) => {
  const noKey = await request.post("/api/webhooks/ingest", {
    headers: { "content-type": "application/json" },
    data: healthAutoExportBody(),
  });
  expect(noKey.status()).toBe(401);

  await signUp(page, { email: uniqueEmail("limits"), password: "limits of the ingest" });
  await page.goto("/dashboard/settings/api-keys");
  await page.getByLabel("Key name").fill("Pixel");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();

  const csv = await request.post("/api/webhooks/ingest", {
    headers: { "x-api-key": key, "content-type": "text/csv" },
    data: "date,steps\n",
  });
  expect(csv.status()).toBe(415);
  const huge = await request.post("/api/webhooks/ingest", {
    headers: { "x-api-key": key, "content-type": "application/json" },
    data: `{"data":{"metrics":[],"pad":"${"x".repeat(6 * 1024 * 1024)}"}}`,
  });
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error.message).toMatch(/5 MB limit/);
  const malformed = await request.post("/api/webhooks/ingest", {
    headers: { "x-api-key": key, "content-type": "application/json" },
    data: '{"data": [',
  });
  expect(malformed.status()).toBe(400);
});
