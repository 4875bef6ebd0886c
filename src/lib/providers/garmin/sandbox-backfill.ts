import { sandboxAccount, sandboxCredentials } from "@/lib/sandbox/accounts";
import type { SandboxState } from "@/lib/sandbox/state";
import { callbackUrl } from "./sandbox-data";
import { API_HOST, timeRange } from "./sandbox-request";
import type { SandboxRequest, SandboxRoute } from "@/lib/sandbox/types";
import { GARMIN_SUMMARY_TYPES, type GarminSummaryType } from "./sandbox-summaries";

// Garmin's asynchronous backfill: a request is only acknowledged; the data would follow as
// pings. The sandbox remembers what was asked for, so tests can see it and repeats get 409.

const MAX_BACKFILL_S = 30 * 86_400;
const DAY_S = 86_400;

export interface GarminBackfillRequest {
  account: string;
  summaryType: GarminSummaryType;
  start: number;
  end: number;
}

/** What Garmin's delivery side remembers; keyed by SandboxState, so a reset forgets it. */
export interface GarminDeliveryStore {
  backfills: GarminBackfillRequest[];
  /** Every ping callbackURL the app fetched, exactly as it asked for it. */
  callbacksFetched: string[];
}

const stores = new WeakMap<SandboxState, GarminDeliveryStore>();

export function garminDeliveryStore(state: SandboxState): GarminDeliveryStore {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = { backfills: [], callbacksFetched: [] }));
  return store;
}

type Authenticate = (request: SandboxRequest) => Promise<{ account: string } | Response>;


/** GET /wellness-api/rest/backfill/<type>?summaryStartTimeInSeconds&summaryEndTimeInSeconds: 202, or 409 for a repeat. */
function backfillRoute(summaryType: GarminSummaryType, authenticate: Authenticate): SandboxRoute {
  const path = `/wellness-api/rest/backfill/${summaryType}`;
  return {
    method: "GET",
    host: API_HOST,
    path,
    async handle(request) {
      request.state.record({ provider: "garmin", method: "GET", path });
      const auth = await authenticate(request);
      if (auth instanceof Response) return auth;
      const range = timeRange(request, "summary", MAX_BACKFILL_S);
      if (range instanceof Response) return range;
      const { start, end } = range;
      const { backfills } = garminDeliveryStore(request.state);
      const isRepeat = backfills.some((seen) => seen.account === auth.account && seen.summaryType === summaryType && seen.start === start && seen.end === end);
      if (isRepeat) return Response.json({ errorMessage: "Duplicate backfill request" }, { status: 409 });
      backfills.push({ account: auth.account, summaryType, start, end });
      deliverLater(new URL(request.mountUrl).origin, auth.account, summaryType, start, end);
      return new Response(null, { status: 202 });
    },
  };
}

/**
 * Garmin answers a backfill with pings, a little later: one callbackURL per day of the range,
 * posted to the app that mounts this sandbox. Fire and forget, as Garmin's delivery is; where
 * nobody listens (a bare test server) the post simply fails.
 */
function deliverLater(origin: string, account: string, summaryType: GarminSummaryType, start: number, end: number) {
  const userId = sandboxAccount("garmin", account).uuid;
  const entries: Array<{ userId: string; uploadStartTimeInSeconds: number; uploadEndTimeInSeconds: number; callbackURL: string }> = [];
  for (let from = start; from < end; from += DAY_S) {
    const to = Math.min(end, from + DAY_S);
    entries.push({ userId, uploadStartTimeInSeconds: from, uploadEndTimeInSeconds: to, callbackURL: callbackUrl(account, summaryType, from, to) });
  }
  const post = () =>
    fetch(`${origin}/api/webhooks/garmin`, {
      method: "POST",
      headers: { "content-type": "application/json", "garmin-client-id": sandboxCredentials("garmin").clientId },
      body: JSON.stringify({ [summaryType]: entries }),
    }).catch(() => undefined);
  setTimeout(() => void post(), 500).unref();
}

export const garminBackfillRoutes = (authenticate: Authenticate): SandboxRoute[] => GARMIN_SUMMARY_TYPES.map((type) => backfillRoute(type, authenticate));
