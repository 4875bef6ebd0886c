import { randomBytes } from "node:crypto";
import { sandboxAccount, sandboxCredentials } from "@/lib/sandbox/accounts";
import type { SandboxRequest, SandboxRoute } from "@/lib/sandbox/types";
import { GARMIN_SUMMARY_TYPES, garminUploadedSummaries, type GarminSummaryType } from "./sandbox-summaries";

const API_HOST = "apis.garmin.com";
const REST = "/wellness-api/rest";
const MAX_WINDOW_S = 86_400;

type Authenticate = (request: SandboxRequest) => Promise<{ account: string } | Response>;

const badRequest = (errorMessage: string) => Response.json({ errorMessage }, { status: 400 });

function uploadWindow(request: SandboxRequest): { start: number; end: number } | Response {
  const query = request.url.searchParams;
  const [start, end] = [query.get("uploadStartTimeInSeconds"), query.get("uploadEndTimeInSeconds")].map((value) => (value !== null && /^\d+$/.test(value) ? Number(value) : undefined));
  if (start === undefined || end === undefined) return badRequest("Missing time range parameters");
  if (end <= start) return badRequest("uploadEndTimeInSeconds must be after uploadStartTimeInSeconds");
  if (end - start > MAX_WINDOW_S) return badRequest(`The time range may not exceed ${MAX_WINDOW_S} seconds`);
  return { start, end };
}

/** GET /wellness-api/rest/<type>?uploadStartTimeInSeconds&uploadEndTimeInSeconds: a JSON array. */
function pullRoute(type: GarminSummaryType, authenticate: Authenticate): SandboxRoute {
  const path = `${REST}/${type}`;
  return {
    method: "GET",
    host: API_HOST,
    path,
    async handle(request) {
      request.state.record({ provider: "garmin", method: "GET", path });
      const auth = await authenticate(request);
      if (auth instanceof Response) return auth;
      const window = uploadWindow(request);
      if (window instanceof Response) return window;
      return Response.json(garminUploadedSummaries(type, auth.account, window.start, window.end).map(({ summary }) => summary));
    },
  };
}

export const garminDataRoutes = (authenticate: Authenticate): SandboxRoute[] => GARMIN_SUMMARY_TYPES.map((type) => pullRoute(type, authenticate));

export type GarminNotificationKind = "ping" | "push" | "deregistration" | "permissions_revoked";

export interface GarminNotificationOptions {
  summaryType?: GarminSummaryType;
  now?: Date;
  /** The consumer key / client id Garmin sends in garmin-client-id; the sandbox's own by default. */
  clientId?: string;
}

/**
 * What Garmin would POST to our endpoint for a sandbox account: a ping naming the last hour's
 * upload window with a callbackURL, the same window's summaries pushed in full, or a
 * lifecycle notice. No signature: only the garmin-client-id header.
 */
export function garminNotification(login: string, kind: GarminNotificationKind, options: GarminNotificationOptions = {}): { body: string; headers: Record<string, string> } {
  const userId = sandboxAccount("garmin", login).uuid;
  const type = options.summaryType ?? "dailies";
  const end = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const start = end - 3600;
  let payload: Record<string, unknown[]>;
  if (kind === "deregistration") {
    payload = { deregistrations: [{ userId }] };
  } else if (kind === "permissions_revoked") {
    payload = { userPermissionsChange: [{ userId, summaryId: `${userId.slice(0, 8)}-${end.toString(16)}-p`, permissions: [], changeTimeInSeconds: end }] };
  } else if (kind === "push") {
    payload = { [type]: garminUploadedSummaries(type, login, start - 23 * 3600, end, options.now).map(({ summary }) => summary) };
  } else {
    // Since the OAuth 2.0 migration the callbackURL carries a pull token to use as given.
    const callbackURL = `https://${API_HOST}${REST}/${type}?uploadStartTimeInSeconds=${start}&uploadEndTimeInSeconds=${end}&token=${randomBytes(12).toString("hex")}`;
    payload = { [type]: [{ userId, uploadStartTimeInSeconds: start, uploadEndTimeInSeconds: end, callbackURL }] };
  }
  return {
    body: JSON.stringify(payload),
    headers: { "content-type": "application/json", "garmin-client-id": options.clientId ?? sandboxCredentials("garmin").clientId },
  };
}
