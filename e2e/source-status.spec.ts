import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, signUp, uniqueEmail } from "./helpers";

// What a source card tells a person once a sync did not go all the way: a data type the provider
// refused, with a way to ask again, and how far back Garmin's history was requested.

test.use({ storageState: { cookies: [], origins: [] } });

const card = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function connect(page: Page, name: string, account: string) {
  await page.getByRole("link", { name: `Connect ${name}`, exact: true }).click();
  await page.getByLabel("Sandbox account").fill(account);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page).toHaveURL(/\/dashboard\/settings/);
}

test("a data type Google refuses shows on the Fitbit card with its reason, and asking again fetches it", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signUp(page, { email: uniqueEmail("refused"), password: "refused distance stream" });
  await page.goto("/dashboard/settings");
  const refusal = {
    error: { code: 400, message: "Data type distance is not available for this user.", status: "INVALID_ARGUMENT" },
  };
  const fault = {
    host: "health.googleapis.com",
    pathIncludes: "/dataTypes/distance/",
    kind: "http_error",
    status: 400,
    times: 1000,
    body: refusal,
  };
  expect((await page.request.post("/sandbox/_control/faults", { data: fault })).status()).toBe(200);
  try {
    await connect(page, "Fitbit (Google Health)", "refused-distance");
    const fitbit = card(page, "Fitbit (Google Health)");
    const distance = fitbit.getByTestId("stream-status").locator('[data-stream="distance"]');
    await expect(distance).toContainText("Distance: refused by Fitbit (Google Health): INVALID_ARGUMENT", {
      timeout: 60_000,
    });
    await expect(distance).toContainText("not available for this user");
    await expect(fitbit.getByTestId("stream-status")).toContainText(/Steps.*: OK/);
    await saveScreenshot(page, "connected-sources-stream-refused");
  } finally {
    await page.request.delete("/sandbox/_control/faults");
  }

  // Google offers it now: asking again runs distance alone and the refusal goes away.
  const fitbit = card(page, "Fitbit (Google Health)");
  await fitbit.getByRole("button", { name: "Try Distance again" }).click();
  await expect(fitbit.getByTestId("stream-status")).toHaveCount(0, { timeout: 60_000 });
});

test("a Garmin card says how far back its history was requested, and a longer horizon can be chosen", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signUp(page, { email: uniqueEmail("horizon"), password: "garmin history horizon" });
  await page.goto("/dashboard/settings");
  await connect(page, "Garmin", "garmin-horizon");
  const horizon = card(page, "Garmin").getByTestId("history-horizon");
  await expect(horizon).toContainText("Requested back to", { timeout: 60_000 });
  await expect(horizon.getByLabel("History to request")).toHaveValue("90");
  await horizon.getByLabel("History to request").selectOption("365");
  await horizon.getByRole("button", { name: "Save" }).click();
  // The sync the choice queued asks Garmin for the older windows; the card then says so.
  const lastYear = new Date(Date.now() - 364 * 86_400_000).getFullYear();
  await expect(async () => {
    await page.reload();
    await expect(horizon.getByLabel("History to request")).toHaveValue("365");
    await expect(horizon).toContainText(`Requested back to`);
    await expect(horizon).toContainText(String(lastYear));
  }).toPass({ timeout: 60_000 });
  await saveScreenshot(page, "connected-sources-garmin-history");
});
