import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sandboxAccount, sandboxCredentials } from "@/sandbox/accounts";
import type { SandboxRoute } from "@/sandbox/types";
import { activityFileEntries } from "./sandbox-activity-files";
import { garminDeliveryStore } from "./sandbox-delivery-store";
import { API_HOST, authenticatedGet, badRequest, timeRange, type GarminAuthenticate } from "./sandbox-request";
import { GARMIN_SUMMARY_TYPES, garminUploadedSummaries, type GarminSummaryType } from "./sandbox-summaries";

const REST = "/wellness-api/rest";
const MAX_WINDOW_S = 86_400;
// Garmin keeps a ping's callbackURL valid for 24 hours.
const CALLBACK_TTL_S = 86_400;

/**
 * The pull token a ping's callbackURL carries: a nonce and an HMAC over whose data, which
 * type and which window, so the sandbox can check it without remembering every ping.
 */
function callbackToken(
  account: string,
  type: GarminSummaryType,
  start: number,
  end: number,
  nonce = `${Math.floor(Date.now() / 1000).toString(36)}-${randomBytes(6).toString("hex")}`,
): string {
  const mac = createHmac("sha256", sandboxCredentials("garmin").clientSecret)
    .update(`${account}:${type}:${start}:${end}:${nonce}`)
    .digest("hex")
    .slice(0, 32);
  return `${nonce}.${mac}`;
}

/** The callbackURL a ping carries for one account, type and upload window. */
export function callbackUrl(account: string, type: GarminSummaryType, start: number, end: number): string {
  return `https://${API_HOST}${REST}/${type}?uploadStartTimeInSeconds=${start}&uploadEndTimeInSeconds=${end}&token=${callbackToken(account, type, start, end)}`;
}

function isValidCallbackToken(
  token: string,
  account: string,
  type: GarminSummaryType,
  start: number,
  end: number,
): boolean {
  const expected = callbackToken(account, type, start, end, token.split(".")[0]);
  return token.length === expected.length && timingSafeEqual(Buffer.from(token), Buffer.from(expected));
}

/**
 * GET /wellness-api/rest/<type>?uploadStartTimeInSeconds&uploadEndTimeInSeconds[&token]: a JSON
 * array. With OAuth 2.0 Garmin serves only what a ping pointed at, so a Bearer call needs
 * that ping's token; legacy OAuth 1.0a calls may still pull any window.
 */
function pullRoute(type: GarminSummaryType, authenticate: GarminAuthenticate): SandboxRoute {
  const path = `${REST}/${type}`;
  return authenticatedGet(path, authenticate, async (request, auth) => {
    const window = timeRange(request, "upload", MAX_WINDOW_S);
    if (window instanceof Response) return window;
    const token = request.url.searchParams.get("token");
    const isSigned = (request.request.headers.get("authorization") ?? "").startsWith("OAuth ");
    if (token !== null) {
      if (!isValidCallbackToken(token, auth.account, type, window.start, window.end))
        return badRequest("Invalid pull token");
      // A callbackURL works for a day after Garmin sent it (backfilled windows are old, their pings new).
      const issuedAt = parseInt(token.split("-")[0] ?? "", 36);
      if (!Number.isFinite(issuedAt) || Date.now() / 1000 > issuedAt + CALLBACK_TTL_S)
        return Response.json({ errorMessage: "The callback URL has expired" }, { status: 410 });
      garminDeliveryStore(request.state).callbacksFetched.push(request.url.href);
    } else if (!isSigned) {
      return badRequest("OAuth 2.0 pulls need the token from a notification's callbackURL");
    }
    return Response.json(
      garminUploadedSummaries(type, auth.account, window.start, window.end).map(({ summary }) => summary),
    );
  });
}

export const garminDataRoutes = (authenticate: GarminAuthenticate): SandboxRoute[] =>
  GARMIN_SUMMARY_TYPES.map((type) => pullRoute(type, authenticate));

export type GarminNotificationKind = "ping" | "push" | "deregistration" | "permissions_revoked";

/** What a notification can name: the summary types, and (pings only) the activities' files. */
export type GarminNotifiedType = GarminSummaryType | "activityFiles";

export interface GarminNotificationOptions {
  /** The summary types a ping or push names; dailies alone by default. A push never carries activityFiles. */
  summaryTypes?: readonly GarminNotifiedType[];
  /**
   * How far back the upload window reaches: a ping's at most 24 hours, one hour by default; a
   * push's a day by default and longer for a backfill's (Garmin merges those into one body).
   */
  windowSeconds?: number;
  now?: Date;
  /** When an activity file's callbackURL was issued (it expires 24 h later): now by default. */
  issuedAt?: Date;
  /** The consumer key / client id Garmin sends in garmin-client-id; the sandbox's own by default. */
  clientId?: string;
}

/**
 * What Garmin would POST to our endpoint for a sandbox account: a ping naming an upload window
 * per summary type with a callbackURL, a day's summaries pushed in full, or a lifecycle
 * notice. No signature: only the garmin-client-id header.
 */
export function garminNotification(
  login: string,
  kind: GarminNotificationKind,
  options: GarminNotificationOptions = {},
): { body: string; headers: Record<string, string> } {
  const userId = sandboxAccount("garmin", login).uuid;
  const types = options.summaryTypes ?? ["dailies"];
  const end = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const start = end - Math.min(options.windowSeconds ?? 3600, MAX_WINDOW_S);
  let payload: Record<string, unknown[]>;
  if (kind === "deregistration") {
    payload = { deregistrations: [{ userId }] };
  } else if (kind === "permissions_revoked") {
    payload = {
      userPermissionsChange: [
        { userId, summaryId: `${userId.slice(0, 8)}-${end.toString(16)}-p`, permissions: [], changeTimeInSeconds: end },
      ],
    };
  } else if (kind === "push") {
    const from = end - (options.windowSeconds ?? MAX_WINDOW_S);
    payload = Object.fromEntries(
      types.flatMap((type) =>
        type === "activityFiles"
          ? []
          : [[type, garminUploadedSummaries(type, login, from, end, options.now).map(({ summary }) => summary)]],
      ),
    );
  } else {
    // Since the OAuth 2.0 migration the callbackURL carries a pull token to use as given.
    const entry = (type: GarminSummaryType) => ({
      userId,
      uploadStartTimeInSeconds: start,
      uploadEndTimeInSeconds: end,
      callbackURL: callbackUrl(login, type, start, end),
    });
    const files = activityFileEntries(login, start, end, options.issuedAt ?? new Date(), options.now);
    payload = Object.fromEntries(
      types.flatMap((type): Array<[string, unknown[]]> =>
        type !== "activityFiles" ? [[type, [entry(type)]]] : files.length ? [[type, files]] : [],
      ),
    );
  }
  return {
    body: JSON.stringify(payload),
    headers: {
      "content-type": "application/json",
      "garmin-client-id": options.clientId ?? sandboxCredentials("garmin").clientId,
    },
  };
}
