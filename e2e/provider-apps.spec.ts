import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, signUp, uniqueEmail } from "./helpers";

// Settings → Provider apps. The shared user (auth.setup.ts) signed up first on a fresh database,
// so it is the admin. A saved client sends its provider to the real host (this build has no
// PROVIDER_BASE_URL), so nothing here tests a saved client against a provider, and every client
// saved is removed again: other specs connect through the built-in sandbox.

const PAGE = "/dashboard/settings/providers";
const card = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

test("the admin sees every provider with its redirect URI, and the sandbox's client tests as right", async ({
  page,
}) => {
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Provider apps" }).click();
  await expect(page).toHaveURL(PAGE);
  await expect(page.getByRole("heading", { name: "Provider apps" })).toBeVisible();

  const strava = card(page, "Strava");
  await expect(strava.getByTestId("redirect-uri")).toHaveText(new URL("/api/oauth/callback", page.url()).toString());
  await expect(strava.getByRole("button", { name: "Copy URI" })).toBeVisible();
  await expect(strava.getByText("Sandbox", { exact: true })).toBeVisible();

  await strava.getByRole("button", { name: "Test credentials" }).click();
  await expect(strava.getByRole("status")).toContainText("Right:");
  await expect(strava.getByRole("status")).toContainText("built-in sandbox");

  await expect(card(page, "COROS").getByText("This check cannot tell a wrong secret from a right one")).toBeVisible();
  await saveScreenshot(page, "provider-apps");
});

test("saves a client with its secret write-only, then removes it", async ({ page }) => {
  const secret = `e2e-polar-secret-${Date.now()}-9c1`;
  await page.goto(PAGE);
  const polar = card(page, "Polar");
  try {
    await polar.getByLabel("Client id").fill("e2e-polar-client");
    await polar.getByLabel("Client secret").fill(secret);
    await polar.getByRole("button", { name: "Save", exact: true }).click();
    await expect(polar.getByText("Saved · ends in …9c1")).toBeVisible();

    await page.reload();
    await expect(polar.getByLabel("Client id")).toHaveValue("e2e-polar-client");
    await expect(polar.getByLabel("Client secret")).toHaveValue("");
    await expect(polar.getByText("Live", { exact: true })).toBeVisible();
    expect(await page.content()).not.toContain(secret);
    await saveScreenshot(page, "provider-apps-saved");
  } finally {
    await polar.getByRole("button", { name: "Remove the saved Polar app" }).click();
  }
  await expect(polar.getByText("Nothing saved.")).toBeVisible();
  await expect(polar.getByText("Sandbox", { exact: true })).toBeVisible();
});

test("tests the current token of a connected account by reading its profile", async ({ page }) => {
  await page.goto("/dashboard/settings");
  await page.getByRole("link", { name: "Connect Oura", exact: true }).click();
  await page.getByLabel("Sandbox account").fill("token-check");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page).toHaveURL(/\/dashboard\/settings/);

  await page.goto(PAGE);
  const oura = card(page, "Oura");
  await oura
    .getByRole("button", { name: /^Test current token of / })
    .first()
    .click();
  await expect(oura.getByRole("status").last()).toContainText("The token works");
});

test.describe("someone who is not the admin", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("gets no Provider apps link and a 404 for the page", async ({ page }) => {
    await signUp(page, { email: uniqueEmail("not-admin"), password: "not the admin here" });
    await expect(page.getByRole("link", { name: "Provider apps" })).toHaveCount(0);
    const response = await page.goto(PAGE);
    expect(response?.status()).toBe(404);
  });
});
