import { createHash } from "node:crypto";
import { authenticateBearer } from "@/sandbox/oauth2-server";
import type { SandboxState } from "@/sandbox/state";
import { accountUtcOffset, syntheticDays, syntheticNights, syntheticWorkouts } from "@/sandbox/synthetic";
import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import {
  dailyActivityDocument,
  dailySleepDocument,
  localized,
  noise,
  readinessDocument,
  restDocument,
  sleepDocument,
  workoutDocument,
} from "./sandbox-documents";
import { DAY_MS } from "@/lib/dates";

const API_HOST = "api.ouraring.com";
const BASE = "/v2/usercollection";
const HISTORY_MS = 730 * DAY_MS;
// Oura publishes no page size and takes no page-size parameter (UNCONFIRMED values): these
// make a month of heart rate and a year of any daily collection take several pages.
export const OURA_PAGE_SIZE = 100;
export const OURA_HEART_RATE_PAGE_SIZE = 2000;
// Daily collections take any start_date..end_date (the spec sets no maximum; open-wearables
// reads a whole backfill in one paged query). Heart rate over 30 days fails at Oura
// (wearipedia #162; open-wearables chunks it in 30-day windows): refused here with a 400.
export const OURA_HEART_RATE_MAX_RANGE_MS = 30 * DAY_MS;
// Oura's FAQ: 5000 requests per 5-minute window per access token.
const RATE_LIMIT = { requests: 5000, windowS: 300 };

type Document = Record<string, unknown>;

const problem = (status: number, title: string, detail: string, headers: Record<string, string> = {}) =>
  Response.json(
    { status, title, detail },
    { status, headers: { "content-type": "application/problem+json", ...headers } },
  );

const seedOf = (...parts: Array<string | number>) =>
  createHash("sha256").update(parts.join("|")).digest().readUInt32LE(0);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const usage = new WeakMap<SandboxState, Map<string, { windowStart: number; count: number }>>();

/** Counts the token's requests in Oura's 5-minute window; past the limit, Oura's 429. */
function rateLimit(state: SandboxState, accessToken: string): Response | undefined {
  const byToken = usage.get(state) ?? new Map<string, { windowStart: number; count: number }>();
  usage.set(state, byToken);
  const now = Date.now();
  const entry = byToken.get(accessToken);
  const current = entry && now - entry.windowStart < RATE_LIMIT.windowS * 1000 ? entry : { windowStart: now, count: 0 };
  current.count += 1;
  byToken.set(accessToken, current);
  if (current.count <= RATE_LIMIT.requests) return undefined;
  const reset = Math.ceil((current.windowStart + RATE_LIMIT.windowS * 1000) / 1000);
  return problem(429, "Too Many Requests", "Rate limit exceeded.", {
    "retry-after": String(Math.max(1, reset - Math.floor(now / 1000))),
    "x-ratelimit-limit": String(RATE_LIMIT.requests),
    "x-ratelimit-window": String(RATE_LIMIT.windowS),
    "x-ratelimit-reset": String(reset),
    "x-ratelimit-tier": "access_token",
  });
}

/**
 * A start/end parameter as Oura reads it: a bare date is local midnight (which is why a
 * date-only end_date misses that day's 04:00 document), a date-time without offset is local.
 */
function boundary(value: string | null, offset: number, fallback: number): number | undefined {
  if (value === null) return fallback;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`) - offset * 1000;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const parsed = Date.parse(hasZone ? value : `${value}Z`);
  return Number.isNaN(parsed) ? undefined : parsed - (hasZone ? 0 : offset * 1000);
}

function page(request: SandboxRequest, documents: Document[], size: number): Response {
  const token = request.url.searchParams.get("next_token");
  let offset = 0;
  try {
    offset = token ? Number(JSON.parse(Buffer.from(token, "base64url").toString()).offset) : 0;
  } catch {
    offset = -1;
  }
  if (!Number.isInteger(offset) || offset < 0) return problem(400, "Bad Request", "Invalid next_token.");
  const end = offset + size;
  const next = end < documents.length ? Buffer.from(JSON.stringify({ offset: end })).toString("base64url") : null;
  return Response.json({ data: documents.slice(offset, end), next_token: next });
}

interface Collection {
  path: string;
  scope: string;
  /** Documents for local dates [fromDate, toDate], each with the instant Oura filters it on. */
  documents(login: string, fromDate: string, toDate: string): Array<{ at: string; document: Document }>;
}

const sleepDocuments = (login: string, fromDate: string, toDate: string) => {
  const readiness = new Map(
    syntheticDays("oura", login, fromDate, toDate).map((day) => [day.localDate, day.readinessScore]),
  );
  return syntheticNights("oura", login, fromDate, toDate).flatMap((night) => {
    const main = sleepDocument(login, night, seedOf(login, "sleep", night.localDate), readiness.get(night.localDate));
    // /sleep filters on bedtime_start, so a night counts for the evening it began.
    const periods: Array<{ at: string; document: Document }> = [{ at: main.bedtime_start, document: main }];
    if (seedOf(login, "rest", night.localDate) % 5 === 0) {
      const rest = restDocument(login, night.localDate, night.utcOffsetSeconds);
      periods.push({ at: rest.bedtime_start, document: rest });
    }
    return periods;
  });
};

const COLLECTIONS: Collection[] = [
  { path: "sleep", scope: "daily", documents: sleepDocuments },
  {
    path: "daily_sleep",
    scope: "daily",
    documents: (login, from, to) =>
      syntheticNights("oura", login, from, to).map((night) => {
        const document = dailySleepDocument(login, night, seedOf(login, "daily_sleep", night.localDate));
        return { at: document.timestamp, document };
      }),
  },
  {
    path: "daily_readiness",
    scope: "daily",
    documents: (login, from, to) =>
      syntheticDays("oura", login, from, to).map((day) => {
        const document = readinessDocument(login, day, seedOf(login, "readiness", day.localDate));
        return { at: document.timestamp, document };
      }),
  },
  {
    path: "daily_activity",
    scope: "daily",
    documents: (login, from, to) =>
      syntheticDays("oura", login, from, to).map((day) => {
        const document = dailyActivityDocument(login, day, seedOf(login, "activity", day.localDate));
        return { at: document.timestamp, document };
      }),
  },
  {
    path: "workout",
    scope: "workout",
    documents: (login, from, to) =>
      syntheticWorkouts("oura", login, new Date(Date.parse(from) - DAY_MS), new Date(Date.parse(to) + 2 * DAY_MS)).map(
        (workout) => {
          const document = workoutDocument(login, workout);
          return { at: document.start_datetime, document };
        },
      ),
  },
];

function authorize(request: SandboxRequest, path: string, scope: string) {
  const auth = authenticateBearer(request, "oura", () =>
    problem(401, "Unauthorized", "The access token is expired, malformed or revoked."),
  );
  if (auth instanceof Response) return auth;
  request.state.record({ provider: "oura", method: "GET", path });
  const limited = rateLimit(request.state, auth.accessToken);
  if (limited) return limited;
  if (!auth.scopes.includes(scope)) return problem(403, "Forbidden", `The access token lacks the "${scope}" scope.`);
  return auth;
}

// A paged query asks for the same range once per page; generating it once keeps a three-year
// backfill measuring our sync rather than the simulator.
const generated = new Map<string, Array<{ at: string; document: Document }>>();
function documentsOf(collection: Collection, login: string, fromDate: string, toDate: string) {
  const key = [collection.path, login, fromDate, toDate, Math.floor(Date.now() / 3_600_000)].join("|");
  const cached = generated.get(key) ?? collection.documents(login, fromDate, toDate);
  generated.set(key, cached);
  if (generated.size > 16) generated.delete(generated.keys().next().value!);
  return cached;
}

function listCollection(collection: Collection) {
  return (request: SandboxRequest): Response => {
    const path = `${BASE}/${collection.path}`;
    const auth = authorize(request, path, collection.scope);
    if (auth instanceof Response) return auth;
    const offset = accountUtcOffset("oura", auth.account);
    const query = request.url.searchParams;
    const end = boundary(query.get("end_date"), offset, Date.now());
    const start = end === undefined ? undefined : boundary(query.get("start_date"), offset, end - DAY_MS);
    if (start === undefined || end === undefined || start > end)
      return problem(400, "Bad Request", "start_date and end_date must be dates or date-times, start before end.");
    const fromDate = isoDay(start + offset * 1000 - DAY_MS);
    const toDate = isoDay(end + offset * 1000 + DAY_MS);
    const documents = documentsOf(collection, auth.account, fromDate, toDate)
      .filter(({ at }) => Date.parse(at) >= start && Date.parse(at) <= end)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .map(({ document }) => document);
    return page(request, documents, OURA_PAGE_SIZE);
  };
}

const heartRateQueries = new WeakMap<SandboxState, Array<{ start: number; end: number; isContinuation: boolean }>>();

/** The windows heart-rate requests asked for, in order (a next_token page repeats its window), for tests. */
export function ouraHeartRateQueries(state: SandboxState) {
  return heartRateQueries.get(state) ?? [];
}

/** GET /v2/usercollection/heartrate: 5-minute samples in UTC, only by start_datetime/end_datetime. */
function listHeartRate(request: SandboxRequest): Response {
  const path = `${BASE}/heartrate`;
  const auth = authorize(request, path, "heartrate");
  if (auth instanceof Response) return auth;
  const query = request.url.searchParams;
  // start_date/end_date mean nothing here: such a request comes back empty, as at Oura.
  if (!query.has("start_datetime")) return Response.json({ data: [], next_token: null });
  const offset = accountUtcOffset("oura", auth.account);
  const end = boundary(query.get("end_datetime"), offset, Date.now());
  const start = boundary(query.get("start_datetime"), offset, 0);
  if (start === undefined || end === undefined || start > end)
    return problem(400, "Bad Request", "start_datetime and end_datetime must be date-times, start before end.");
  if (end - start > OURA_HEART_RATE_MAX_RANGE_MS)
    return problem(400, "Bad Request", "start_datetime and end_datetime must be at most 30 days apart.");
  heartRateQueries.set(request.state, [
    ...ouraHeartRateQueries(request.state),
    { start, end, isContinuation: query.has("next_token") },
  ]);

  // Samples in [start_datetime, end_datetime): windows that meet at one instant neither miss
  // nor repeat the sample there. Heart rate syncs in the background, so it reaches now.
  const seed = seedOf(auth.account, "heartrate");
  const phaseMs = (seed % 300) * 1000;
  const first = Math.max(start, Date.now() - HISTORY_MS);
  const rows: Document[] = [];
  for (
    let at = Math.ceil((first - phaseMs) / 300_000) * 300_000 + phaseMs;
    at < end && at <= Date.now();
    at += 300_000
  ) {
    const localHour = ((((at + offset * 1000) % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000;
    const isAsleep = localHour >= 23 || localHour < 7;
    const base = isAsleep ? 50 : 64;
    rows.push({
      bpm: Math.round(base + noise(seed, at / 300_000) * (isAsleep ? 10 : 30)),
      source: isAsleep ? "sleep" : "awake",
      timestamp: localized(at, 0),
    });
  }
  return page(request, rows, OURA_HEART_RATE_PAGE_SIZE);
}

/** How many documents a collection holds for the account now: its whole history, for page counts. */
export function ouraCollectionSize(login: string, path: string): number {
  const collection = COLLECTIONS.find((candidate) => candidate.path === path);
  if (!collection) throw new Error(`no sandbox collection ${path}`);
  return documentsOf(collection, login, "2000-01-01", "2100-01-01").filter(({ at }) => Date.parse(at) <= Date.now())
    .length;
}

export const ouraDataRoutes: SandboxRoute[] = [
  ...COLLECTIONS.map((collection): SandboxRoute => ({
    method: "GET",
    host: API_HOST,
    path: `${BASE}/${collection.path}`,
    handle: listCollection(collection),
  })),
  { method: "GET", host: API_HOST, path: `${BASE}/heartrate`, handle: listHeartRate },
];
