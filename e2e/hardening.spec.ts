import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

test.use({ storageState: { cookies: [], origins: [] } });

/** Collects the browser's Content-Security-Policy complaints: a nonce Next did not put on a script shows up here. */
function watchCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("stays on this site after signing in, whatever the callbackUrl says", async ({ page, baseURL }) => {
  // Should the app ever follow one of these, the test fails on the URL instead of leaving the machine.
  // Matched by host: the sign-in URL itself names evil.example in its query string.
  await page.route(
    (url) => url.hostname.endsWith("evil.example"),
    (route) => route.abort(),
  );
  const account = { email: uniqueEmail("redirect"), password: "strides after easy run" };
  await signUp(page, account);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  for (const callbackUrl of ["%2F%5Cevil.example%2Fphish", "%2F%09%2Fevil.example", "https%3A%2F%2Fevil.example%2F"]) {
    await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(`${baseURL}/dashboard`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
  }

  // A path of our own is still honoured.
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/dashboard/settings/preferences")}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${baseURL}/dashboard/settings/preferences`);
});

test("pages carry a nonce CSP and the other security headers, and still work under them", async ({ page }) => {
  const violations = watchCspViolations(page);
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // The e2e server is plain http: no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();

  const nonceOf = async () =>
    /'nonce-([^']+)'/.exec((await page.request.get("/sign-in")).headers()["content-security-policy"] ?? "")?.[1];
  expect(await nonceOf()).not.toBe(await nonceOf());

  // The scripts ran: signing up goes through the client-side form and lands on the dashboard.
  await signUp(page, { name: "Faith", email: uniqueEmail("csp"), password: "fartlek on the track" });
  await expect(page.getByRole("heading", { name: "Hello, Faith" })).toBeVisible();
  await page.goto("/dashboard/health");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("a signed-out cookie no longer reads the API, and the sandbox's controls need a session", async ({ page }) => {
  expect((await page.request.get("/sandbox/_control/faults")).status()).toBe(401);

  await signUp(page, { email: uniqueEmail("cookie"), password: "long slow distance" });
  expect((await page.request.get("/sandbox/_control/faults")).status()).toBe(200);
  const captured = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"))!;
  expect((await page.request.get("/api/jobs/00000000-0000-4000-8000-000000000000")).status()).toBe(404);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.context().addCookies([captured]);
  expect((await page.request.get("/api/jobs/00000000-0000-4000-8000-000000000000")).status()).toBe(401);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
});
