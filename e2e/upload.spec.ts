import { expect, test } from "@playwright/test";
import { buildFitActivity, buildGpx } from "../tests/fixtures/activity-files";
import { createApiKey, saveScreenshot, signUp, uniqueEmail } from "./helpers";

test.use({ storageState: { cookies: [], origins: [] } });

const RIDE = {
  name: "havel-loop.gpx",
  mimeType: "application/gpx+xml",
  buffer: Buffer.from(
    buildGpx({ start: new Date("2025-06-14T07:30:00Z"), sport: "cycling", type: "cycling", name: "Havel loop" }),
  ),
};
const RUN = {
  name: "tempo.fit",
  mimeType: "application/octet-stream",
  buffer: Buffer.from(buildFitActivity({ start: new Date("2025-06-12T17:45:00Z"), sport: "running" })),
};
const NOTES = { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("remember the bottles") };

test("files dropped on the Activities page become activities, each with its outcome and a summary", async ({
  page,
}) => {
  await signUp(page, { email: uniqueEmail("upload"), password: "long ride on sunday" });
  await page.goto("/dashboard/activities");
  await expect(page.getByRole("heading", { name: "No activities yet" })).toBeVisible();
  await expect(page.getByText(/Upload FIT, GPX or TCX files/)).toBeVisible();

  await page.getByLabel("Activity files").setInputFiles([RIDE, RUN]);
  const uploads = page.getByRole("list", { name: "Uploads" });
  await expect(page.getByTestId("upload-summary")).toHaveText("Done: 2 new.");
  await expect(uploads.getByRole("listitem").filter({ hasText: RIDE.name })).toContainText("New activity: Havel loop");
  await expect(uploads.getByRole("listitem").filter({ hasText: RUN.name })).toContainText("New activity:");
  // The list refreshed under the drop zone, the results stayed.
  await expect(page.locator("tbody tr")).toHaveCount(2);
  await expect(page.locator("tbody tr").first()).toContainText("Uploaded file");
  await saveScreenshot(page, "activities-uploaded");

  // The same ride again and a file that is no activity: nothing new, each said so.
  await page.getByRole("button", { name: "Clear list" }).click();
  await page.getByLabel("Activity files").setInputFiles([RIDE, NOTES]);
  await expect(page.getByTestId("upload-summary")).toHaveText("Done: 1 already uploaded, 1 failed.");
  await expect(uploads.getByRole("listitem").filter({ hasText: NOTES.name })).toContainText(
    "notes.txt is not a FIT, GPX or TCX file.",
  );
  await expect(page.locator("tbody tr")).toHaveCount(2);

  await uploads.getByRole("listitem").filter({ hasText: RIDE.name }).getByRole("link", { name: "Havel loop" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Havel loop" })).toBeVisible();
  await expect(page.getByTestId("activity-source")).toHaveText("From Uploaded file");
});

test("POST /api/files takes the session or an API key, and answers per file", async ({ page }) => {
  await signUp(page, { email: uniqueEmail("upload-api"), password: "long ride on sunday" });

  const bySession = await page.request.post("/api/files", { multipart: { file: RIDE } });
  expect(bySession.status()).toBe(200);
  expect(await bySession.json()).toMatchObject({
    files: [{ fileName: RIDE.name, status: "created", activity: { provider: "upload", source: "Uploaded file" } }],
    summary: { created: 1, duplicate: 0, already_uploaded: 0, failed: 0 },
  });

  const key = await createApiKey(page, "uploader");
  await page.context().clearCookies();
  const byKey = await page.request.post("/api/files", { headers: { "x-api-key": key }, multipart: { file: RIDE } });
  expect(byKey.status()).toBe(200);
  expect((await byKey.json()).files[0].status).toBe("already_uploaded");

  const anonymous = await page.request.post("/api/files", { multipart: { file: RUN } });
  expect(anonymous.status()).toBe(401);
  const notMultipart = await page.request.post("/api/files", { headers: { "x-api-key": key }, data: { file: "x" } });
  expect(notMultipart.status()).toBe(415);
});
