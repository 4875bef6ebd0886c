import { timingSafeEqual } from "node:crypto";
import { resolveOAuth1Route } from "@/lib/providers/routing";
import type { ProviderWebhook, WebhookEvent } from "@/lib/webhooks/types";
import { isGarminCallbackUrl } from "./callback-url";
import { garminNotificationSchema } from "./schemas";

// Garmin's push and ping notifications: one POST per batch, keyed by summary type, each
// entry naming a userId. Garmin signs nothing; it sends our consumer key / client id in the
// garmin-client-id header, and expects a 200 within 30 s (it retries for ~7 days otherwise).

// Without either export permission nothing is left to sync: treat it as a revocation.
const EXPORT_PERMISSIONS = ["ACTIVITY_EXPORT", "HEALTH_EXPORT"];

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The client ids Garmin may send: the OAuth 2.0 client id and, for legacy apps, the OAuth 1.0a consumer key. */
function ourClientIds(clientId: string): string[] {
  const legacy = resolveOAuth1Route("garmin");
  return legacy.mode === "not_configured" ? [clientId] : [clientId, legacy.credentials.clientId];
}

export const garminWebhook: ProviderWebhook = {
  // The header is not a secret (the client id appears in every authorize URL), so a forgery
  // can at most cause a sync: the sync reads with the person's own token, and only from
  // callbackURLs on Garmin's API host.
  isAuthentic(request, secrets) {
    const sent = request.headers.get("garmin-client-id");
    return Boolean(sent) && ourClientIds(secrets.clientId).some((id) => equal(sent!, id));
  },
  parseEvents(request): WebhookEvent[] {
    const { deregistrations = [], userPermissionsChange = [], ...summaries } = garminNotificationSchema.parse(JSON.parse(request.rawBody));
    const events: WebhookEvent[] = deregistrations.map((entry) => ({ kind: "deauthorized", externalUserId: entry.userId }));
    for (const { userId, permissions } of userPermissionsChange) {
      const isRevoked = !EXPORT_PERMISSIONS.some((permission) => permissions.includes(permission));
      events.push({ kind: isRevoked ? "deauthorized" : "sync", externalUserId: userId });
    }
    for (const [summaryType, entries] of Object.entries(summaries)) {
      for (const entry of entries) {
        // Push entries carry no callbackURL; a ping's is kept only if it is Garmin's own. Garmin's
        // streams list no webhook types: a ping's URLs already say which summaries to fetch.
        const callbackUrls = entry.callbackURL && isGarminCallbackUrl(entry.callbackURL) ? [entry.callbackURL] : [];
        events.push({ kind: "sync", externalUserId: entry.userId, webhookType: summaryType, ...(callbackUrls.length ? { callbackUrls } : {}) });
      }
    }
    return events;
  },
  successStatus: 200,
};
