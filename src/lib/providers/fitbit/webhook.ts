import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ProviderWebhook, WebhookEvent, WebhookRequest, WebhookSecrets } from "@/lib/webhooks/types";

// Google Health API subscriber notifications (developers.google.com/health/webhooks,
// projects.subscribers.create; shared/providers/google-health.md §10). Google sends the
// subscriber's endpointAuthorization secret verbatim as the Authorization header on every
// request, and wants a 204 at once.

export const verificationSchema = z.object({ type: z.literal("verification") });

const notificationSchema = z.object({
  data: z.object({
    healthUserId: z.string().min(1),
    dataType: z.string().min(1),
    // UPSERT or DELETE (one integrator logged UPDATE): either way the sync re-reads the window.
    operation: z.string().optional(),
    // Interval sub-shapes differ between reports; the sync picks its own window.
    intervals: z.array(z.unknown()).optional(),
  }),
});
export type GoogleHealthNotification = z.infer<typeof notificationSchema>;

// Observed as an array of envelopes, but some integrators received a single object.
export const notificationBodySchema = z.preprocess(
  (body) => (Array.isArray(body) ? body : [body]),
  z.array(notificationSchema),
);

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

// Google also signs notifications (ECDSA P-256 in X-HEALTHAPI-SIGNATURE, keys from a gstatic
// keyset), but checking that needs a fetched, cached keyset and this check is synchronous.
// Google's own docs make the Authorization secret the endpoint's proof, and its verification
// probe tests exactly that; a forged event could at most trigger a sync with the person's token.
function hasOurSecret(request: WebhookRequest, secrets: WebhookSecrets): boolean {
  const sent = request.headers.get("authorization");
  return Boolean(sent && secrets.webhookSecret) && equal(sent!, secrets.webhookSecret!);
}

function isVerification(request: WebhookRequest): boolean {
  try {
    return verificationSchema.safeParse(JSON.parse(request.rawBody)).success;
  } catch {
    return false;
  }
}

export const fitbitWebhook: ProviderWebhook = {
  // Creating or patching the subscriber makes Google POST {"type":"verification"} twice: with
  // the secret it wants 201 (a 204 fails the check), without it 401 or 403.
  handshake(request, secrets) {
    if (request.method !== "POST" || !isVerification(request)) return undefined;
    if (!hasOurSecret(request, secrets))
      return Response.json(
        { error: { code: "UNAUTHORIZED", message: "Missing or wrong Authorization." } },
        { status: 401 },
      );
    return new Response(null, { status: 201 });
  },
  isAuthentic: hasOurSecret,
  parseEvents(request): WebhookEvent[] {
    // The streams list the data types they read (sync-streams.ts); a type none reads, e.g.
    // floors, starts no sync. Google pushes no revocation: a withdrawn grant shows up as the
    // next sync's 401.
    return notificationBodySchema
      .parse(JSON.parse(request.rawBody))
      .map(({ data }) => ({ kind: "sync", externalUserId: data.healthUserId, webhookType: data.dataType }));
  },
  successStatus: 204,
};
