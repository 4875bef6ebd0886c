import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, signUp, uniqueEmail } from "./helpers";

// Garmin linked with the person's own password, through the built-in sandbox: any username,
// a password starting with "wrong" is wrong, "mfa…" asks for 123456, "blocked…" meets the bot block.

test.use({ storageState: { cookies: [], origins: [] } });

const garmin = (page: Page) => page.getByRole("region", { name: "Garmin", exact: true });

async function openForm(page: Page) {
  await page.goto("/dashboard/settings");
  await garmin(page).getByRole("button", { name: "Link with password" }).click();
  await expect(garmin(page).getByText(/your own Garmin password/)).toBeVisible();
  await expect(garmin(page).getByText(/not stored/)).toBeVisible();
}

async function fill(page: Page, username: string, password: string, region = "Global (garmin.com)") {
  const form = garmin(page).getByRole("form", { name: "Link Garmin with password" });
  await form.getByLabel("Garmin username or e-mail").fill(username);
  await form.getByLabel("Garmin password").fill(password);
  await form.getByLabel("Region").selectOption({ label: region });
  await form.getByRole("button", { name: "Link account" }).click();
}

test("links a Garmin China account and a global one, each labelled, from Settings", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("garmin-password"), password: "garmin by password" });
  await openForm(page);
  await saveScreenshot(page, "password-link-form");
  await fill(page, "li.wei", "a long sandbox password", "China (garmin.cn)");
  await expect(garmin(page).getByText("Garmin Connect (China) is linked")).toBeVisible();
  await expect(garmin(page).locator('[data-testid="connection-garmin_connect_cn"]')).toContainText(
    "Garmin Connect (China) · ",
  );

  await openForm(page);
  await fill(page, "ada", "another long password");
  await expect(garmin(page).locator('[data-testid="connection-garmin_connect"]')).toContainText("Garmin Connect · ");
  await expect(garmin(page).locator('[data-testid^="connection-garmin_connect"]')).toHaveCount(2);
  await saveScreenshot(page, "password-link-two-accounts");
});

test("a wrong password says so; a code step finishes the sign-in", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("garmin-mfa"), password: "garmin mfa step" });
  await openForm(page);
  await fill(page, "ada", "wrong password");
  await expect(garmin(page).getByRole("alert")).toContainText("did not accept that username and password");

  await fill(page, "mfa-ada", "a long sandbox password");
  const code = garmin(page).getByRole("form", { name: "Verification code" });
  await code.getByLabel("Verification code").fill("000000");
  await code.getByRole("button", { name: "Finish linking" }).click();
  await expect(code.getByRole("alert")).toContainText("did not accept that code");
  await code.getByLabel("Verification code").fill("123456");
  await code.getByRole("button", { name: "Finish linking" }).click();
  await expect(garmin(page).getByText("Garmin Connect is linked")).toBeVisible();
});

test("a blocked sign-in explains itself and offers the token files; the stop switch stops the account", async ({
  page,
}) => {
  await signUp(page, { email: uniqueEmail("garmin-blocked"), password: "garmin blocked sign in" });
  await openForm(page);
  await fill(page, "blocked-ada", "a long sandbox password");
  await expect(garmin(page).getByRole("alert")).toContainText("refusing automated sign-ins");
  await expect(garmin(page).getByRole("form", { name: "Import token files" })).toBeVisible();
  await saveScreenshot(page, "password-link-blocked");

  await fill(page, "ada", "a long sandbox password");
  const row = garmin(page).locator('[data-testid="connection-garmin_connect"]');
  await row.getByRole("button", { name: "Stop syncing" }).click();
  await expect(row.getByTestId("sync-stopped")).toBeVisible();
  await row.getByRole("button", { name: "Resume syncing" }).click();
  await expect(row.getByRole("button", { name: "Stop syncing" })).toBeVisible();
});
