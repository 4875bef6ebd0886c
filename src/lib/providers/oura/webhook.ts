import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ProviderWebhook, WebhookEvent, WebhookRequest } from "@/lib/webhooks/types";

// Oura webhook subscriptions (API v2, /v2/webhook/subscription): a GET challenge when a
// subscription is created, then notify-only JSON events signed with the app's client secret.
// Oura wants a 2xx within 10 s and retries 4xx/5xx up to 10 times over about an hour.

export const ouraEventSchema = z.object({
  event_type: z.enum(["create", "update", "delete"]),
  // Oura keeps adding data types (meal, vo2_max …); an unknown one must not 400, or Oura retries it.
  data_type: z.string().min(1),
  object_id: z.string().min(1).optional(),
  event_time: z.string().optional(),
  user_id: z.string().min(1),
});
export type OuraEvent = z.infer<typeof ouraEventSchema>;

/**
 * Replay window around x-oura-timestamp (Unix seconds, signed with the body). Oura states
 * none; a captured event replayed later is refused. A retry Oura still sends under its first
 * timestamp after this window is lost as any undelivered event is: the scheduled sync reads it.
 */
export const OURA_TIMESTAMP_TOLERANCE_S = 5 * 60;

/** Oura's signature: HMAC-SHA256(client secret, x-oura-timestamp + body), upper-case hex. */
export function ouraSignature(clientSecret: string, timestamp: string, body: string): string {
  return createHmac("sha256", clientSecret)
    .update(timestamp + body)
    .digest("hex")
    .toUpperCase();
}

function equal(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
}

function handshake(request: WebhookRequest, secrets: { webhookSecret?: string }): Response | undefined {
  if (request.method !== "GET") return undefined;
  const query = request.url.searchParams;
  const challenge = query.get("challenge");
  const token = query.get("verification_token") ?? "";
  // Oura's own sample refuses a wrong verification_token with 401; subscription creation then fails.
  if (!challenge || !secrets.webhookSecret || !equal(token, secrets.webhookSecret)) {
    return Response.json({ error: { code: "UNAUTHORIZED", message: "Unknown verification token." } }, { status: 401 });
  }
  return Response.json({ challenge });
}

export const ouraWebhook: ProviderWebhook = {
  handshake,
  isAuthentic(request, secrets) {
    const timestamp = request.headers.get("x-oura-timestamp") ?? "";
    const signature = request.headers.get("x-oura-signature") ?? "";
    if (!/^\d{1,12}$/.test(timestamp) || !signature) return false;
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > OURA_TIMESTAMP_TOLERANCE_S) return false;
    // Oura's sample hashes JSON.stringify(req.body); a re-serialization need not match the bytes sent.
    return equal(signature.toUpperCase(), ouraSignature(secrets.clientSecret, timestamp, request.rawBody));
  },
  parseEvents(request): WebhookEvent[] {
    const event = ouraEventSchema.parse(JSON.parse(request.rawBody));
    // The streams list the data_types they read (sync.ts); one none reads starts no sync.
    // Oura has no revocation event: a revoked person simply stops producing events, and the
    // next sync's 401 marks the connection.
    return [{ kind: "sync", externalUserId: event.user_id, webhookType: event.data_type }];
  },
};

/** The event Oura would post when a person's data changes (the sandbox's "send webhook"). */
export function ouraEventBody(userId: string, dataType = "daily_activity"): OuraEvent {
  return {
    event_type: "update",
    data_type: dataType,
    object_id: `${dataType}-${Date.now().toString(36)}`,
    event_time: new Date().toISOString().replace("Z", "+00:00"),
    user_id: userId,
  };
}
