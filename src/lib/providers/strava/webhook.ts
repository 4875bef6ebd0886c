import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ProviderWebhook, WebhookEvent } from "@/lib/webhooks/types";

// Strava push subscriptions (developers.strava.com/docs/webhooks): one GET handshake echoing
// hub.challenge, then unsigned JSON events that must get a 200 within 2 seconds.

export const stravaEventSchema = z.object({
  object_type: z.enum(["activity", "athlete"]),
  object_id: z.number().int(),
  aspect_type: z.enum(["create", "update", "delete"]),
  owner_id: z.number().int(),
  subscription_id: z.number().int(),
  event_time: z.number().int(),
  // "authorized": "false" arrives as a string on deauthorization.
  updates: z.record(z.string(), z.unknown()).optional(),
});
export type StravaEvent = z.infer<typeof stravaEventSchema>;

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export const stravaWebhook: ProviderWebhook = {
  handshake(request, secrets) {
    if (request.method !== "GET") return undefined;
    const query = request.url.searchParams;
    const token = query.get("hub.verify_token") ?? "";
    const challenge = query.get("hub.challenge");
    if (
      query.get("hub.mode") !== "subscribe" ||
      !challenge ||
      !secrets.webhookSecret ||
      !equal(token, secrets.webhookSecret)
    ) {
      return Response.json({ error: { code: "FORBIDDEN", message: "Unknown verify token." } }, { status: 403 });
    }
    return Response.json({ "hub.challenge": challenge });
  },
  // Strava signs nothing. The body is trusted only to say which athlete to re-sync; the sync
  // itself uses that athlete's token, so a forged event can do no more than cause a sync.
  isAuthentic: () => true,
  parseEvents(request): WebhookEvent[] {
    const event = stravaEventSchema.parse(JSON.parse(request.rawBody));
    const externalUserId = String(event.owner_id);
    if (event.object_type === "athlete" && String(event.updates?.authorized) === "false")
      return [{ kind: "deauthorized", externalUserId }];
    return event.object_type === "activity" ? [{ kind: "sync", externalUserId, webhookType: event.object_type }] : [];
  },
};

/** The event body Strava would post for an account (the sandbox's "send webhook"). */
export function stravaEventBody(athleteId: number, kind: "activity_created" | "deauthorized"): StravaEvent {
  const base = { owner_id: athleteId, subscription_id: 120475, event_time: Math.floor(Date.now() / 1000) };
  return kind === "deauthorized"
    ? { ...base, object_type: "athlete", object_id: athleteId, aspect_type: "update", updates: { authorized: "false" } }
    : { ...base, object_type: "activity", object_id: Date.now(), aspect_type: "create" };
}
