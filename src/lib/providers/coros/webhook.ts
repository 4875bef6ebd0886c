import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ProviderWebhook, WebhookEvent } from "@/lib/webhooks/types";
import { corosWorkoutSchema } from "./schemas";

// COROS's workout data push (API Reference §5 as quoted; c2c_tracking in production): every
// ~5 minutes COROS POSTs new workouts of linked users to the registered receiving endpoint,
// retrying a failed push twice and giving up after 24 h.

/** A pushed workout: the /v2/coros/sport/list record plus the wearer's openId. */
export const corosPushedWorkoutSchema = corosWorkoutSchema.extend({ openId: z.string().min(1) });

export const corosPushSchema = z.object({ sportDataList: z.array(corosPushedWorkoutSchema) });
export type CorosPush = z.infer<typeof corosPushSchema>;

// Hashing first makes the comparison constant-time whatever the lengths.
const digest = (value: string) => createHash("sha256").update(value).digest();
const equal = (given: string | null, expected: string) =>
  given !== null && expected !== "" && timingSafeEqual(digest(given), digest(expected));

/** COROS pushes only workouts and names no type; this is the one the workout stream lists. */
export const WORKOUT_PUSH = "sportData";

export const corosWebhook: ProviderWebhook = {
  // No HMAC and no webhook secret of its own: COROS sends the partner's own credentials as
  // plain `client` and `secret` headers. Both are compared, always, so timing tells nothing.
  isAuthentic(request, secrets) {
    const client = equal(request.headers.get("client"), secrets.clientId);
    const secret = equal(request.headers.get("secret"), secrets.clientSecret);
    return client && secret;
  },
  // Only the openIds matter: the sync re-reads the workouts with each person's own token.
  // COROS sends no unbind notification (a user can unbind in the app silently), so every
  // event here is a sync; a revocation surfaces when that sync's call is refused.
  parseEvents(request): WebhookEvent[] {
    const push = corosPushSchema.parse(JSON.parse(request.rawBody));
    return push.sportDataList.map((workout) => ({
      kind: "sync",
      externalUserId: workout.openId,
      webhookType: WORKOUT_PUSH,
    }));
  },
  successStatus: 200,
  // COROS treats any other reply as a failed delivery and retries.
  successBody: { result: "0000", message: "OK" },
};
