import { sandboxAccount, sandboxCredentials } from "@/sandbox/accounts";
import type { SandboxRoute } from "@/sandbox/types";
import { activityFileEntries } from "./sandbox-activity-files";
import { callbackUrl } from "./sandbox-data";
import { garminDeliveryStore } from "./sandbox-delivery-store";
import { GARMIN_PERMISSIONS } from "./sandbox-oauth1";
import { authenticatedGet, badRequest, timeRange, type GarminAuthenticate } from "./sandbox-request";
import { GARMIN_SUMMARY_TYPES, type GarminSummaryType } from "./sandbox-summaries";

export { garminDeliveryStore, type GarminBackfillRequest, type GarminDeliveryStore } from "./sandbox-delivery-store";

// Garmin's asynchronous backfill: a request is only acknowledged; the data follows as pings.
// The rules it plays (shared/providers/garmin.md, A7):
// - at most 30 days per request (Garmin's limit for activities; open-wearables, citing Garmin
//   support, has it for every type, so the sandbox is that strict everywhere);
// - each type and timeframe once: a request overlapping one already accepted answers 409;
// - 403 when the person left "historical data" (HISTORICAL_DATA_EXPORT) off at consent;
// - nothing before Garmin's earliest start: 400 "start … before min start time of …" (the
//   live reply partners parse), five years back (quantified-self's documented limit).

const DAY_S = 86_400;
const MAX_BACKFILL_S = 30 * DAY_S;
export const GARMIN_SANDBOX_HISTORY_S = 5 * 365 * DAY_S;

const isoSeconds = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().replace(".000Z", "Z");

/** GET /wellness-api/rest/backfill/<type>?summaryStartTimeInSeconds&summaryEndTimeInSeconds: 202, 400, 403 or 409. */
function backfillRoute(summaryType: GarminSummaryType, authenticate: GarminAuthenticate): SandboxRoute {
  const path = `/wellness-api/rest/backfill/${summaryType}`;
  return authenticatedGet(path, authenticate, async (request, auth) => {
    const permissions = auth.scopes?.length ? auth.scopes : GARMIN_PERMISSIONS;
    if (!permissions.includes("HISTORICAL_DATA_EXPORT")) {
      return Response.json({ errorMessage: "User has not granted permission for historical data" }, { status: 403 });
    }
    const range = timeRange(request, "summary", MAX_BACKFILL_S);
    if (range instanceof Response) return range;
    const { start, end } = range;
    const earliest = Math.floor(Date.now() / 1000) - GARMIN_SANDBOX_HISTORY_S;
    if (start < earliest)
      return badRequest(`start ${isoSeconds(start)} before min start time of ${isoSeconds(earliest)}`);
    const { backfills } = garminDeliveryStore(request.state);
    const overlaps = backfills.some(
      (seen) =>
        seen.account === auth.account && seen.summaryType === summaryType && seen.start < end && start < seen.end,
    );
    if (overlaps) return Response.json({ errorMessage: "Duplicate backfill request" }, { status: 409 });
    backfills.push({ account: auth.account, summaryType, start, end });
    // Garmin names the partner's own client in every notification.
    const clientId = auth.clientId ?? sandboxCredentials("garmin").clientId;
    deliverLater(new URL(request.mountUrl).origin, clientId, auth.account, summaryType, start, end);
    return new Response(null, { status: 202 });
  });
}

/**
 * Garmin answers a backfill with pings, a little later: one callbackURL per day of the range,
 * posted to the app that mounts this sandbox. Fire and forget, as Garmin's delivery is; where
 * nobody listens (a bare test server) the post simply fails.
 */
function deliverLater(
  origin: string,
  clientId: string,
  account: string,
  summaryType: GarminSummaryType,
  start: number,
  end: number,
) {
  const userId = sandboxAccount("garmin", account).uuid;
  const entries: Array<{
    userId: string;
    uploadStartTimeInSeconds: number;
    uploadEndTimeInSeconds: number;
    callbackURL: string;
  }> = [];
  for (let from = start; from < end; from += DAY_S) {
    const to = Math.min(end, from + DAY_S);
    entries.push({
      userId,
      uploadStartTimeInSeconds: from,
      uploadEndTimeInSeconds: to,
      callbackURL: callbackUrl(account, summaryType, from, to),
    });
  }
  // Backfilled activities come with their files' pings, as new uploads do (assumed: Garmin's
  // documentation does not say whether a backfill sends Activity Files).
  const files = summaryType === "activities" ? activityFileEntries(account, start, end, new Date()) : [];
  const post = () =>
    fetch(`${origin}/api/webhooks/garmin`, {
      method: "POST",
      headers: { "content-type": "application/json", "garmin-client-id": clientId },
      body: JSON.stringify({ [summaryType]: entries, ...(files.length ? { activityFiles: files } : {}) }),
    }).catch(() => undefined);
  setTimeout(() => void post(), 500).unref();
}

export const garminBackfillRoutes = (authenticate: GarminAuthenticate): SandboxRoute[] =>
  GARMIN_SUMMARY_TYPES.map((type) => backfillRoute(type, authenticate));
