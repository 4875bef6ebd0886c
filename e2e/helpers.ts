import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export function uniqueEmail(tag: string) {
  return `${tag}-${randomUUID().slice(0, 8)}@example.test`;
}

export async function signUp(page: Page, account: { name?: string; email: string; password: string }) {
  await page.goto("/sign-up");
  if (account.name) await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/** Creates an API key on Settings → API keys with these scopes (all by default) and returns it (shown once). */
export async function createApiKey(page: Page, name = "iPhone", scopes = ["ingest", "read", "write"]) {
  await page.goto("/dashboard/settings/api-keys");
  await page.getByLabel("Key name").fill(name);
  for (const scope of ["ingest", "read", "write"]) {
    await page.getByRole("checkbox", { name: new RegExp(`^${scope}:`) }).setChecked(scopes.includes(scope));
  }
  await page.getByRole("button", { name: "Create key" }).click();
  return (await page.getByTestId("new-api-key").textContent())!.trim();
}
