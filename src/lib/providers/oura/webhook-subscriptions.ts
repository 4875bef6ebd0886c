import { randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { emptyOutcome, webhookTypesRead } from "@/lib/webhooks/subscription-outcome";
import type { ProviderSubscriptions, SubscriptionParams, SubscriptionSecrets } from "@/lib/webhooks/subscription-types";
import { readJson } from "../http";
import { ouraSync } from "./sync";
import { DAY_MS } from "@/lib/dates";

// Oura's subscriptions are per application (x-client-id / x-client-secret, no user token), one
// per (event_type, data_type), and expire: listed first so a re-run creates nothing twice,
// renewed well before expiration_time, and moved when they name another callback URL.

const SUBSCRIPTIONS_URL = "https://api.ouraring.com/v2/webhook/subscription";

/** The webhook data_types our streams read (sync.ts). */
export const OURA_SUBSCRIBED_DATA_TYPES = webhookTypesRead(ouraSync);
// Deletions are left out: a delete event would start a sync that deletes nothing.
const EVENT_TYPES = ["create", "update"] as const;
/** Oura's lifetime is unpublished; the scheduled sync looks hourly, so a week is ample margin. */
const OURA_RENEW_WITHIN_DAYS = 7;

export const ouraSubscriptionSchema = z.object({
  id: z.string().min(1),
  callback_url: z.string(),
  event_type: z.string(),
  data_type: z.string(),
  expiration_time: z.string(),
});
export type OuraSubscription = z.infer<typeof ouraSubscriptionSchema>;

type Method = "GET" | "POST" | "PUT";

async function failure(response: Response, what: string): Promise<AppError> {
  const detail = (await response.text().catch(() => "")).slice(0, 300);
  if (response.status === 401 || response.status === 403) {
    return new AppError(
      "PROVIDER_UNAVAILABLE",
      `Oura refused our client credentials when ${what} (HTTP ${response.status}).`,
    );
  }
  return new AppError(
    "PROVIDER_UNAVAILABLE",
    `Oura answered HTTP ${response.status} when ${what}${detail ? `: ${detail}` : ""}.`,
  );
}

function send(params: SubscriptionParams, method: Method, url: string, body?: object) {
  const { clientId, clientSecret } = params.context.credentials;
  return params.context.fetch(url, {
    method,
    headers: { "x-client-id": clientId, "x-client-secret": clientSecret, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function call<T extends z.ZodType>(
  params: SubscriptionParams,
  schema: T,
  what: string,
  method: Method,
  url: string,
  body?: object,
): Promise<z.infer<T>> {
  const response = await send(params, method, url, body);
  if (!response.ok) throw await failure(response, what);
  return schema.parse(await readJson(response, "Oura webhook subscription"));
}

/** OURA_WEBHOOK_SECRET, or the token we made up and stored, or (sandbox) the simulators' one. */
async function verificationToken(secrets: SubscriptionSecrets): Promise<string> {
  const current = await secrets.current();
  if (current.value) return current.value;
  // Our route answers Oura's challenge only for this token, so it must be kept before Oura asks.
  const value = randomBytes(24).toString("base64url");
  await secrets.save({ value });
  return value;
}

function isExpiring(subscription: OuraSubscription, renewBefore: number): boolean {
  const expiresAt = Date.parse(subscription.expiration_time);
  return Number.isNaN(expiresAt) || expiresAt < renewBefore;
}

export const ouraSubscriptions: ProviderSubscriptions = {
  async ensure(params) {
    const outcome = emptyOutcome();
    const token = await verificationToken(params.secrets);
    const existing = await call(
      params,
      z.array(ouraSubscriptionSchema),
      "listing webhook subscriptions",
      "GET",
      SUBSCRIPTIONS_URL,
    );
    const renewBefore = Date.now() + OURA_RENEW_WITHIN_DAYS * DAY_MS;

    for (const data_type of OURA_SUBSCRIBED_DATA_TYPES) {
      for (const event_type of EVENT_TYPES) {
        const what = `the ${event_type} ${data_type} subscription`;
        let subscription = existing.find(
          (candidate) => candidate.event_type === event_type && candidate.data_type === data_type,
        );
        if (!subscription) {
          const body = { callback_url: params.callbackUrl, verification_token: token, event_type, data_type };
          const response = await send(params, "POST", SUBSCRIPTIONS_URL, body);
          // 409: created since we listed (a connect racing the scheduled pass); it is there either way.
          if (response.status === 409) outcome.unchanged++;
          else if (response.ok) outcome.created++;
          // One refused creation means the rest would be refused too (unreachable URL, wrong client).
          else throw await failure(response, `creating ${what}`);
          await response.body?.cancel();
          continue;
        }
        const isMoved = subscription.callback_url !== params.callbackUrl;
        if (isMoved) {
          const body = { callback_url: params.callbackUrl, verification_token: token, event_type, data_type };
          subscription = await call(
            params,
            ouraSubscriptionSchema,
            `moving ${what}`,
            "PUT",
            `${SUBSCRIPTIONS_URL}/${subscription.id}`,
            body,
          );
          outcome.updated++;
        }
        if (isExpiring(subscription, renewBefore)) {
          await call(
            params,
            ouraSubscriptionSchema,
            `renewing ${what}`,
            "PUT",
            `${SUBSCRIPTIONS_URL}/renew/${subscription.id}`,
          );
          outcome.renewed++;
        } else if (!isMoved) {
          outcome.unchanged++;
        }
      }
    }
    return outcome;
  },
};
