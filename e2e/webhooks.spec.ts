import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { createApiKey, saveScreenshot, signUp, uniqueEmail } from "./helpers";

// A receiver on this machine registered on Settings → Webhooks hears about a pushed workout,
// signed the Standard Webhooks way; the page shows the delivery.

test.use({ storageState: { cookies: [], origins: [] } });

type Received = { headers: http.IncomingHttpHeaders; body: string };

async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/qt`, received, close: () => server.close() };
}

/** Standard Webhooks verification, from the spec (not our signer). */
function isSigned(secret: string, message: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signed = `${message.headers["webhook-id"]}.${message.headers["webhook-timestamp"]}.${message.body}`;
  const expected = createHmac("sha256", key).update(signed).digest();
  return String(message.headers["webhook-signature"] ?? "")
    .split(" ")
    .some((entry) => {
      const [version, signature] = entry.split(",");
      const given = Buffer.from(signature ?? "", "base64");
      return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

test("a registered receiver gets a signed activity.created, and the page logs the delivery", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const receiver = await startReceiver();
  try {
    await signUp(page, { email: uniqueEmail("webhooks"), password: "signed and delivered" });
    const key = await createApiKey(page, "Phone");

    await page.goto("/dashboard/settings/webhooks");
    const form = page.getByRole("form", { name: "Add webhook endpoint" });
    await form.getByLabel("Endpoint URL").fill("ftp://example.com/hook");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.locator("xpath=..").getByRole("alert")).toHaveText("The URL must be an http:// or https:// URL.");

    await form.getByLabel("Endpoint URL").fill(receiver.url);
    await form.getByLabel("New activities").check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await page.getByTestId("new-webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    await expect(page.getByTestId("webhook-endpoint")).toHaveCount(1);
    await saveScreenshot(page, "settings-webhooks-secret");

    const pushed = await request.post("/api/webhooks/ingest", {
      headers: { "x-api-key": key, "content-type": "application/json" },
      data: {
        data: {
          metrics: [],
          workouts: [
            {
              id: "E2E0WH00-0000-4000-8000-000000000001",
              name: "Running",
              start: "2026-11-28 08:00:00 +0000",
              end: "2026-11-28 08:40:00 +0000",
              duration: 2400,
              distance: { qty: 8.2, units: "km" },
            },
          ],
        },
      },
    });
    expect(pushed.status()).toBe(200);

    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const [delivery] = receiver.received;
    expect(isSigned(secret, delivery!)).toBe(true);
    const event = JSON.parse(delivery!.body) as { type: string; data: { items: Array<{ provider: string }> } };
    expect(event.type).toBe("activity.created");
    expect(event.data.items).toHaveLength(1);

    // The log shows it as delivered; a reload reads it again.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId("webhook-delivery-row").first().getAttribute("data-status");
        },
        { timeout: 20_000 },
      )
      .toBe("succeeded");
    await saveScreenshot(page, "settings-webhooks-log");
    // The secret was shown once.
    await expect(page.getByTestId("new-webhook-secret")).toHaveCount(0);
  } finally {
    receiver.close();
  }
});
