import { timingSafeEqual } from "node:crypto";
import { JsonSplitter } from "@/lib/ingest/json-stream/json-splitter";
import { resolveOAuth1Route } from "@/lib/providers/routing";
import type { ProviderWebhook } from "@/lib/webhooks/types";
import { GarminEventReader, GarminPushedRecords } from "./webhook-readers";

// Garmin's push and ping notifications: one POST per batch, keyed by summary type, each
// entry naming a userId. Garmin signs nothing; it sends our consumer key / client id in the
// garmin-client-id header, and expects a 200 within 30 s (it retries for ~7 days otherwise).
// Push bodies hold the summaries themselves, up to 100 MB (Activity Details): they are kept
// and written by a job, never read whole.

// Garmin's partner verification asks for at least 10 MB, Activity Details reach 100 MB.
const MAX_NOTIFICATION_BYTES = 128 * 1024 * 1024;

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The client ids Garmin may send: the OAuth 2.0 client id and, for legacy apps, the OAuth 1.0a consumer key. */
function ourClientIds(clientId: string): string[] {
  const legacy = resolveOAuth1Route("garmin");
  return legacy.mode === "not_configured" ? [clientId] : [clientId, legacy.credentials.clientId];
}

export const garminWebhook: ProviderWebhook = {
  // The header is not a secret (the client id appears in every authorize URL), so a forgery
  // can at most cause a sync or write summaries into the account it names: the sync reads with
  // the person's own token, and only from callbackURLs on Garmin's API host.
  isAuthentic(request, secrets) {
    const sent = request.headers.get("garmin-client-id");
    return Boolean(sent) && ourClientIds(secrets.clientId).some((id) => equal(sent!, id));
  },
  parseEvents(request) {
    const reader = new GarminEventReader();
    const splitter = new JsonSplitter(reader);
    splitter.write(Buffer.from(request.rawBody));
    splitter.end();
    return reader.finish();
  },
  successStatus: 200,
  maxBodyBytes: MAX_NOTIFICATION_BYTES,
  keptBody: {
    readEvents: () => new GarminEventReader(),
    readPushedRecords: (externalUserId) => new GarminPushedRecords(externalUserId),
  },
};
