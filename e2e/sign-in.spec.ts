import { expect, test } from "@playwright/test";
import { saveScreenshot, signIn, signUp, uniqueEmail } from "./helpers";

test.use({ storageState: { cookies: [], origins: [] } });

test("signs up, signs out and signs back in", async ({ page }) => {
  const account = { name: "Mo", email: uniqueEmail("cycle"), password: "long run sunday 30k" };
  await signUp(page, account);
  await expect(page.getByRole("heading", { name: "Hello, Mo" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);

  await signIn(page, account);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Mo");
});

test("refuses a wrong password with a clear message", async ({ page }) => {
  const account = { email: uniqueEmail("wrong"), password: "intervals 6x800m" };
  await signUp(page, account);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, { ...account, password: "not my password" });
  await expect(page.getByText("That email and password don't match an account")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await saveScreenshot(page, "sign-in-wrong-password");
});

test("shows sign-up mistakes on the form and creates no account", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await saveScreenshot(page, "sign-up-errors");

  // A taken email: the first account works, the second attempt is told so.
  const email = uniqueEmail("taken");
  await signUp(page, { email, password: "hill repeats x10" });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password").fill("another fine password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);
});
