import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ProviderWebhook, WebhookEvent, WebhookRequest } from "@/lib/webhooks/types";

// Polar AccessLink webhooks (POST /v3/webhooks, one per client): notify-only JSON events for
// the subscribed types, a PING on creation / URL change / activation that must get 200 OK or
// the webhook is not created, and `Polar-Webhook-Signature` = hex HMAC-SHA256 of the raw body
// keyed with the `signature_secret_key` from the creation reply (POLAR_WEBHOOK_SECRET).
// Seven days of failed deliveries deactivate the webhook.

export const POLAR_SIGNATURE_HEADER = "Polar-Webhook-Signature";

// The same integer as the token's x_user_id; a numeric string is tolerated as in schemas.ts.
const polarUserId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const base = { user_id: polarUserId, timestamp: z.string().min(1), url: z.string().url() };

export const polarEventSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("EXERCISE"), entity_id: z.string().min(1), ...base }),
  z.object({ event: z.literal("SLEEP"), date: isoDate, ...base }),
  z.object({ event: z.literal("CONTINUOUS_HEART_RATE"), date: isoDate, ...base }),
  z.object({ event: z.literal("ACTIVITY_SUMMARY"), date: isoDate, ...base }),
  z.object({ event: z.literal("PHYSICAL_INFORMATION"), ...base }),
  z.object({ event: z.literal("SLEEP_WISE_CIRCADIAN_BEDTIME"), from: isoDate, to: isoDate, ...base }),
  z.object({ event: z.literal("SLEEP_WISE_ALERTNESS"), from: isoDate, to: isoDate, ...base }),
]);
export type PolarEvent = z.infer<typeof polarEventSchema>;

const pingSchema = z.object({ event: z.literal("PING") });

// SleepWise is not something we store, so its events name no sync. Every other event is
// the webhook type the streams list (sync.ts); one no stream reads starts no sync.
const NOT_STORED = new Set<PolarEvent["event"]>(["SLEEP_WISE_CIRCADIAN_BEDTIME", "SLEEP_WISE_ALERTNESS"]);

/** The hex signature Polar puts in `Polar-Webhook-Signature` for a body. */
export const polarSignature = (rawBody: string, secret: string) =>
  createHmac("sha256", secret).update(rawBody, "utf8").digest("hex");

function isPing(request: WebhookRequest) {
  try {
    return pingSchema.safeParse(JSON.parse(request.rawBody)).success;
  } catch {
    return false;
  }
}

export const polarWebhook: ProviderWebhook = {
  // PING arrives while POST /v3/webhooks is still waiting for our 200, i.e. before we can know
  // the signature_secret_key its reply carries, and working integrations see it unsigned.
  // It asks for nothing, so it is answered whatever its signature.
  handshake(request) {
    if (request.method !== "POST" || !isPing(request)) return undefined;
    return Response.json({ received: 0, queued: 0 });
  },
  isAuthentic(request, secrets) {
    const provided = request.headers.get(POLAR_SIGNATURE_HEADER)?.trim().toLowerCase();
    if (!provided || !secrets.webhookSecret) return false;
    const expected = polarSignature(request.rawBody, secrets.webhookSecret);
    return provided.length === expected.length && timingSafeEqual(Buffer.from(provided), Buffer.from(expected));
  },
  parseEvents(request): WebhookEvent[] {
    const event = polarEventSchema.parse(JSON.parse(request.rawBody));
    return NOT_STORED.has(event.event)
      ? []
      : [{ kind: "sync", externalUserId: String(event.user_id), webhookType: event.event }];
  },
  // Polar documents exactly "200 OK" for every delivery, PING included.
  successStatus: 200,
};
