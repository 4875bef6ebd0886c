import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createApiKey, saveScreenshot, signUp, uniqueEmail } from "./helpers";

test.use({ storageState: { cookies: [], origins: [] } });

const ROUTE = Array.from({ length: 20 }, (_, i) => ({ latitude: 52.51 + i * 0.0005, longitude: 13.35 + i * 0.0008 }));

function workoutsBody() {
  return {
    data: {
      metrics: [],
      workouts: [
        {
          id: "E2E00000-0000-4000-8000-000000000001",
          name: "Canal Run",
          start: "2026-11-20 07:00:00 +0100",
          end: "2026-11-20 07:30:00 +0100",
          duration: 1800,
          distance: { qty: 5.1, units: "km" },
          route: ROUTE,
        },
        {
          id: "E2E00000-0000-4000-8000-000000000002",
          name: "Evening Yoga",
          start: "2026-11-21 19:00:00 +0100",
          end: "2026-11-21 19:30:00 +0100",
          duration: 1800,
        },
      ],
    },
  };
}

test("an activity without an original offers generated files, and the list exports a zip", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("files"), password: "files are yours to keep" });
  const key = await createApiKey(page);
  const pushed = await page.request.post("/api/webhooks/ingest", {
    headers: { "x-api-key": key, "content-type": "application/json" },
    data: workoutsBody(),
  });
  expect(pushed.status()).toBe(200);

  await page.goto("/dashboard/activities");
  await page.getByRole("link", { name: "Canal Run" }).click();
  const menu = page.getByTestId("download-menu");
  await menu.getByText("Download").click();
  await expect(menu.getByRole("link", { name: /^Original/ })).toHaveCount(0);
  await expect(menu.getByRole("link", { name: "GPX (generated)" })).toBeVisible();
  await saveScreenshot(page, "activity-download-menu");
  const [fit] = await Promise.all([
    page.waitForEvent("download"),
    menu.getByRole("link", { name: "FIT (generated)" }).click(),
  ]);
  expect(fit.suggestedFilename()).toBe("2026-11-20-canal-run-generated.fit");
  const fitBytes = await fs.readFile((await fit.path())!);
  expect(fitBytes.subarray(8, 12).toString("latin1")).toBe(".FIT");

  // No route, no GPX.
  await page.goto("/dashboard/activities");
  await page.getByRole("link", { name: "Evening Yoga" }).click();
  await page.getByTestId("download-menu").getByText("Download").click();
  await expect(page.getByTestId("download-menu").getByRole("link", { name: "FIT (generated)" })).toBeVisible();
  await expect(page.getByTestId("download-menu").getByRole("link", { name: "GPX (generated)" })).toHaveCount(0);

  await page.goto("/dashboard/activities");
  const exportForm = page.getByTestId("export-files");
  await exportForm.getByText("Export files").click();
  await expect(exportForm.getByLabel("From")).toBeVisible();
  await saveScreenshot(page, "activities-export-files");
  const [zip] = await Promise.all([
    page.waitForEvent("download"),
    exportForm.getByRole("button", { name: "Download zip" }).click(),
  ]);
  expect(zip.suggestedFilename()).toBe("qt-run-export-all.zip");
  const zipBytes = await fs.readFile((await zip.path())!);
  expect(zipBytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
  expect(zipBytes.includes(Buffer.from("run/2026-11-20-canal-run-generated.fit"))).toBe(true);
});
