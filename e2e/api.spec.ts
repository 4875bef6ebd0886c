import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

test.use({ storageState: { cookies: [], origins: [] } });

test("the JSON API: sync now, follow the job, query a metric", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, { email: uniqueEmail("api"), password: "json api with a session" });
  await page.goto("/dashboard/settings");
  await page.getByRole("link", { name: "Connect Oura", exact: true }).click();
  await page.getByRole("button", { name: "Approve" }).click();
  const row = page.getByTestId("connection-oura");
  const connectionId = await row.getAttribute("data-connection-id");
  expect(connectionId).toMatch(/^[0-9a-f-]{36}$/);

  // The first sync was queued on connect; "sync now" joins it or queues the next one.
  const queued = await page.request.post(`/api/sync/${connectionId}`);
  expect(queued.status()).toBe(202);
  const { job } = await queued.json();
  await expect
    .poll(async () => (await (await page.request.get(`/api/jobs/${job.id}`)).json()).job.status, { timeout: 60_000 })
    .toBe("succeeded");
  const finished = (await (await page.request.get(`/api/jobs/${job.id}`)).json()).job;
  expect(finished.progress).toEqual({ done: 100, total: 100 });

  const steps = await page.request.get("/api/metrics/query?metric_type=steps&source=oura");
  expect(steps.ok()).toBe(true);
  const body = await steps.json();
  expect(body).toMatchObject({ metric: "steps", unit: "count" });
  expect(body.points.length).toBeGreaterThan(20);
  expect(body.points[0]).toMatchObject({
    provider: "oura",
    value: expect.any(Number),
    at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  });
});

test("the JSON API names the field it refuses, and answers 401 without a session", async ({ page, request }) => {
  expect((await request.get("/api/metrics/query?metric_type=steps")).status()).toBe(401);
  await signUp(page, { email: uniqueEmail("api-bad"), password: "bad input for the api" });
  const bad = await page.request.get("/api/metrics/query?metric_type=Steps!&start_date=2026-13-01");
  expect(bad.status()).toBe(400);
  const { error } = await bad.json();
  expect(error.message).toMatch(/metric_type/);
  expect(error.message).toMatch(/start_date/);
  expect((await page.request.post("/api/sync/not-a-uuid")).status()).toBe(400);
  expect((await page.request.get("/api/jobs/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
});
