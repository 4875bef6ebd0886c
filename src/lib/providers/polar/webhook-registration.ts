import { z } from "zod";
import { AppError } from "@/lib/errors";
import { emptyOutcome, webhookTypesRead } from "@/lib/webhooks/subscription-outcome";
import type { ProviderSubscriptions, SubscriptionParams } from "@/lib/webhooks/subscription-types";
import { readJson } from "../http";
import { POLAR_API } from "./api";
import { polarErrorSchema } from "./schemas";
import { polarSync } from "./sync";

// AccessLink allows one webhook per client (Basic client auth). Its signature_secret_key is
// shown once, in the reply that creates it, so that reply is stored (encrypted) before anything
// else; a webhook created elsewhere is reused, but its pushes verify only with
// POLAR_WEBHOOK_SECRET.

const WEBHOOKS_URL = `${POLAR_API}/webhooks`;

/** The events our streams read (sync.ts): SleepWise, heart rate and body data start no sync. */
export const POLAR_SUBSCRIBED_EVENTS = webhookTypesRead(polarSync);

const webhookId = z.union([z.string().min(1), z.number()]).transform(String);
const listedSchema = z.object({
  data: z
    .array(z.object({ id: webhookId, events: z.array(z.string()), url: z.string(), active: z.boolean().optional() }))
    .default([]),
});
type ListedWebhook = z.infer<typeof listedSchema>["data"][number];
const createdSchema = z.object({ data: z.object({ id: webhookId, signature_secret_key: z.string().min(1) }) });

function send(params: SubscriptionParams, method: "GET" | "POST" | "PATCH", url: string, body?: object) {
  const { clientId, clientSecret } = params.context.credentials;
  return params.context.fetch(url, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "content-type": "application/json",
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function failure(response: Response, what: string): Promise<AppError> {
  const parsed = polarErrorSchema.safeParse(await readJson(response, "Polar").catch(() => null));
  const message = parsed.success && parsed.data.message ? `: ${parsed.data.message}` : "";
  return new AppError("PROVIDER_UNAVAILABLE", `Polar answered HTTP ${response.status} when ${what}${message}.`);
}

async function findWebhook(params: SubscriptionParams): Promise<ListedWebhook | undefined> {
  const response = await send(params, "GET", WEBHOOKS_URL);
  // 204: nothing registered yet, however AccessLink chooses to say it.
  if (response.status === 204) return undefined;
  if (!response.ok) throw await failure(response, "listing webhooks");
  return listedSchema.parse(await readJson(response, "Polar webhooks")).data[0];
}

export const polarSubscriptions: ProviderSubscriptions = {
  async ensure(params) {
    const outcome = emptyOutcome();
    let webhook = await findWebhook(params);
    if (!webhook) {
      if ((await params.secrets.current()).source === "env") {
        // A webhook created now would sign with a new key that the configured one overrides.
        outcome.warnings.push(
          "POLAR_WEBHOOK_SECRET is set but Polar has no webhook for this client; unset it so QT.run can register one and keep its key.",
        );
        return outcome;
      }
      const response = await send(params, "POST", WEBHOOKS_URL, {
        events: POLAR_SUBSCRIBED_EVENTS,
        url: params.callbackUrl,
      });
      if (response.status === 200 || response.status === 201) {
        const created = createdSchema.parse(await readJson(response, "Polar webhook creation")).data;
        await params.secrets.save({ value: created.signature_secret_key, webhookId: created.id });
        outcome.created++;
        return outcome;
      }
      // 409: created since we listed (a connect racing the scheduled pass): reuse it below.
      if (response.status !== 409) throw await failure(response, "creating the webhook");
      await response.body?.cancel();
      webhook = await findWebhook(params);
      if (!webhook)
        throw new AppError("PROVIDER_UNAVAILABLE", "Polar answered 409 to creating a webhook but lists none.");
    }

    const current = await params.secrets.current();
    if (current.source !== "env" && current.webhookId !== webhook.id) {
      outcome.warnings.push(
        `webhook ${webhook.id} was registered without QT.run keeping its signing key (Polar shows it only once), so its pushes cannot be verified: ` +
          `set POLAR_WEBHOOK_SECRET, or delete it (DELETE /v3/webhooks/${webhook.id}) and the next scheduled sync registers a new one.`,
      );
    }
    const missing = POLAR_SUBSCRIBED_EVENTS.filter((event) => !webhook.events.includes(event));
    if (webhook.url !== params.callbackUrl || missing.length) {
      // The key stays with the webhook, so moving it keeps every stored or configured secret valid.
      const response = await send(params, "PATCH", `${WEBHOOKS_URL}/${webhook.id}`, {
        url: params.callbackUrl,
        events: [...webhook.events, ...missing],
      });
      if (!response.ok) throw await failure(response, "moving the webhook");
      await response.body?.cancel();
      outcome.updated++;
    }
    if (webhook.active === false) {
      // Seven days of failed deliveries deactivate it; activating re-sends the PING.
      const response = await send(params, "POST", `${WEBHOOKS_URL}/activate`);
      if (!response.ok) throw await failure(response, "activating the webhook");
      await response.body?.cancel();
      outcome.updated++;
    }
    if (outcome.updated === 0) outcome.unchanged++;
    return outcome;
  },
};
