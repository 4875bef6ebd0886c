import { expect, test } from "@playwright/test";
import { createApiKey, saveScreenshot, signUp, uniqueEmail } from "./helpers";

// Steps from a Watch and a phone for one day, hour by hour: the Health page counts each hour
// once, from the source first in the person's order, says how, and follows a new order.

test.use({ storageState: { cookies: [], origins: [] } });

const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const at = (hour: number) => `${day} ${String(hour).padStart(2, "0")}:00:00 +0000`;
// The Watch was worn 07:00-22:00 (10,010 steps); the phone counted 1,000 at 06:00, 1,420 at
// 22:00 and 500 an hour in the pocket meanwhile.
const WATCH = Array.from({ length: 15 }, (_, i) => ({ source: "Apple Watch", hour: 7 + i, qty: i === 14 ? 672 : 667 }));
const PHONE = [
  { source: "iPhone", hour: 6, qty: 1000 },
  ...Array.from({ length: 13 }, (_, i) => ({ source: "iPhone", hour: 8 + i, qty: 500 })),
  { source: "iPhone", hour: 22, qty: 1420 },
];

test("steps from a Watch and a phone are merged hour by hour, explained, and follow the person's order", async ({
  page,
  request,
}) => {
  await signUp(page, { email: uniqueEmail("merged"), password: "one history, explained" });
  const key = await createApiKey(page, "Phone");
  const pushed = await request.post("/api/webhooks/ingest", {
    headers: { "x-api-key": key, "content-type": "application/json" },
    data: {
      data: {
        metrics: [
          {
            name: "step_count",
            units: "count",
            data: [...WATCH, ...PHONE].map((point) => ({ date: at(point.hour), qty: point.qty, source: point.source })),
          },
        ],
      },
    },
  });
  expect(pushed.status()).toBe(200);

  await page.goto("/dashboard/health");
  const explanations = page.getByTestId("merge-explanations");
  await expect(explanations.getByRole("heading", { name: "How merged steps were counted" })).toBeVisible();
  const line = explanations.getByTestId("merge-explanation").first();
  await expect(line).toContainText("12,430");
  await expect(line).toContainText("Apple Watch 10,010");
  await expect(line).toContainText("iPhone 2,420");
  await saveScreenshot(page, "health-merged-steps");

  // The phone first: its hours count, and the Watch fills 07:00 and 21:00 (667 + 672).
  await page.goto("/dashboard/settings/sources");
  const steps = page.getByTestId("source-order-steps");
  await expect(steps.getByTestId("source-order-item").first()).toContainText("Apple Watch");
  await steps.getByRole("button", { name: "Move iPhone up in Steps" }).click();
  await expect(steps.getByTestId("source-order-item").first()).toContainText("iPhone");
  await saveScreenshot(page, "settings-source-order");

  await page.goto("/dashboard/health");
  await expect(page.getByTestId("merge-explanation").first()).toContainText("10,259");
  await expect(page.getByTestId("merge-explanation").first()).toContainText("iPhone 8,920");
});
