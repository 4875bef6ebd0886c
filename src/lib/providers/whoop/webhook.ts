import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ProviderWebhook, WebhookEvent } from "@/lib/webhooks/types";

// WHOOP webhooks (developer.whoop.com/docs/developing/webhooks): set as one URL in the developer
// dashboard, so no subscription and no handshake. Each POST carries one event, signed with the
// app's client secret. Any 2xx counts as delivered; WHOOP retries other answers.
//
// There is no revocation event: once access is revoked (DELETE /v2/user/access, or from the
// WHOOP app) WHOOP simply stops sending that user's webhooks, and the next sync's 401 marks the
// connection for reconnection.

export const SIGNATURE_HEADER = "x-whoop-signature";
export const TIMESTAMP_HEADER = "x-whoop-signature-timestamp";
/** Replay window around X-WHOOP-Signature-Timestamp (WHOOP states none; open-wearables uses ±5 min). */
const TOLERANCE_MS = 5 * 60_000;

export const whoopEventSchema = z.object({
  user_id: z.number().int().positive(),
  // v2 sends the workout or sleep UUID (recovery events name their sleep); v1 sent integers.
  id: z.union([z.string().min(1), z.number().int()]),
  // workout|sleep|recovery .updated|.deleted today; any other "<object>.<action>" still means
  // "this person's data changed", and refusing it would only make WHOOP retry it.
  type: z.string().regex(/^[a-z_]+\.[a-z_]+$/, "expected <object>.<action>"),
  trace_id: z.string().optional(),
});
export type WhoopEvent = z.infer<typeof whoopEventSchema>;

/** base64(HMAC-SHA256(client secret, timestamp + raw body)): no separator between the two. */
export function whoopSignature(clientSecret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", clientSecret)
    .update(timestamp + rawBody, "utf8")
    .digest("base64");
}

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export const whoopWebhook: ProviderWebhook = {
  isAuthentic(request, secrets) {
    const signature = request.headers.get(SIGNATURE_HEADER);
    const timestamp = request.headers.get(TIMESTAMP_HEADER);
    // The timestamp is Unix epoch milliseconds.
    if (!signature || !timestamp || !/^\d{1,16}$/.test(timestamp)) return false;
    if (Math.abs(Date.now() - Number(timestamp)) > TOLERANCE_MS) return false;
    return equal(signature, whoopSignature(secrets.clientSecret, timestamp, request.rawBody));
  },
  parseEvents(request): WebhookEvent[] {
    const event = whoopEventSchema.parse(JSON.parse(request.rawBody));
    // The object ("workout" of "workout.updated") is the webhook type the streams list
    // (sync.ts). A .deleted is a change too: the sync re-reads that person's records.
    return [{ kind: "sync", externalUserId: String(event.user_id), webhookType: event.type.split(".")[0]! }];
  },
  successStatus: 200,
};
