import { expect, test as setup } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

// Signs up once; the dashboard specs reuse this session.
setup("sign up a shared user", async ({ page }) => {
  await signUp(page, { name: "Paula", email: uniqueEmail("shared"), password: "tempo run on tuesday" });
  await expect(page.getByRole("heading", { name: "Hello, Paula" })).toBeVisible();
  await page.context().storageState({ path: "e2e/.auth/user.json" });
});
