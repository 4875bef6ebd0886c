import { authenticateBearer } from "@/sandbox/oauth2-server";
import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { GOOGLE_HEALTH_SCOPES as SCOPES } from "@/lib/providers/fitbit/oauth";
import { apiError, invalidArgument, unauthenticated } from "./sandbox-errors";
import { heartRatePoints } from "./sandbox-heart-rate";
import { bodyPoints, heightPoints } from "./sandbox-body";
import { dailyPoints, exercisePoints, rollupPoints, sleepPoints, type SandboxPoint } from "./sandbox-points";

// Google Health API v4 data endpoints, as shared/providers/google-health.md §4 describes them.

const PROVIDER = "fitbit";
const HOST = "health.googleapis.com";
const HISTORY = "2000-01-01";
const FUTURE = "9999-12-31";

interface ListType {
  scopes: string[];
  /** Filterable members (after "<type>."), e.g. "interval.civil_start_time". */
  filters: string[];
  maxPageSize: number;
  /**
   * At most this many points a page, whatever is asked: AIP-158 lets a server return fewer
   * than page_size, and clients must follow nextPageToken regardless. Dense intraday data
   * takes several pages here, as a real watch's day does at Google.
   */
  pageFill?: number;
  points(login: string, fromDate: string, toDate: string): SandboxPoint[];
}

/** Heart-rate points the sandbox puts on one page, whatever page size is asked for. */
export const SANDBOX_HEART_RATE_PAGE_FILL = 200;

const LIST_TYPES: Record<string, ListType> = {
  // Exercise filters on its civil start only; start_time is "not supported for filtering".
  exercise: {
    scopes: [SCOPES.activity],
    filters: ["interval.civil_start_time"],
    maxPageSize: 25,
    points: exercisePoints,
  },
  sleep: {
    scopes: [SCOPES.sleep],
    filters: ["interval.end_time", "interval.civil_end_time"],
    maxPageSize: 25,
    points: sleepPoints,
  },
  "daily-resting-heart-rate": {
    scopes: [SCOPES.metrics, SCOPES.activity],
    filters: ["date"],
    maxPageSize: 10_000,
    points: (...args) => dailyPoints("daily-resting-heart-rate", ...args),
  },
  "daily-heart-rate-variability": {
    scopes: [SCOPES.metrics, SCOPES.activity],
    filters: ["date"],
    maxPageSize: 10_000,
    points: (...args) => dailyPoints("daily-heart-rate-variability", ...args),
  },
  weight: {
    scopes: [SCOPES.metrics],
    filters: ["sample_time.physical_time", "sample_time.civil_time"],
    maxPageSize: 10_000,
    points: (...args) => bodyPoints("weight", ...args),
  },
  "body-fat": {
    scopes: [SCOPES.metrics],
    filters: ["sample_time.physical_time", "sample_time.civil_time"],
    maxPageSize: 10_000,
    points: (...args) => bodyPoints("body-fat", ...args),
  },
  height: {
    scopes: [SCOPES.metrics],
    filters: ["sample_time.physical_time", "sample_time.civil_time"],
    maxPageSize: 10_000,
    points: heightPoints,
  },
  "heart-rate": {
    scopes: [SCOPES.metrics, SCOPES.activity],
    filters: ["sample_time.physical_time", "sample_time.civil_time"],
    maxPageSize: 10_000,
    pageFill: SANDBOX_HEART_RATE_PAGE_FILL,
    points: heartRatePoints,
  },
};

// dailyRollUp range caps: 14 days for total-calories (and heart-rate, active-minutes), 90 otherwise.
const ROLLUP_TYPES: Record<string, { scopes: string[]; maxDays: number }> = {
  steps: { scopes: [SCOPES.activity], maxDays: 90 },
  distance: { scopes: [SCOPES.activity], maxDays: 90 },
  "active-energy-burned": { scopes: [SCOPES.activity], maxDays: 90 },
  "total-calories": { scopes: [SCOPES.activity], maxDays: 14 },
};

const LIST_PARAMS = new Set([
  "filter",
  "pageSize",
  "page_size",
  "pageToken",
  "page_token",
  "alt",
  "fields",
  "prettyPrint",
  "$.xgafv",
]);

const insufficientScope = () =>
  apiError(
    403,
    "PERMISSION_DENIED",
    "Request had insufficient authentication scopes.",
    "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
  );
const unknownType = (type: string) => invalidArgument(`Invalid data type ID: ${type}`);

function authorize(request: SandboxRequest, scopes: string[]) {
  const auth = authenticateBearer(request, PROVIDER, unauthenticated);
  if (auth instanceof Response) return auth;
  if (!auth.scopes.some((scope) => scopes.includes(scope))) return insufficientScope();
  if (request.params.user !== "me") return apiError(403, "PERMISSION_DENIED", "The caller does not have permission");
  return auth;
}

type Clause = { member: string; operator: ">=" | "<"; literal: string };

/** AIP-160 as Google takes it here: `<type>.<member> >= "…" AND <type>.<member> < "…"`. */
function parseFilter(filter: string, type: string, allowed: string[]): Clause[] | Response {
  const prefix = `${type.replaceAll("-", "_")}.`;
  const clauses: Clause[] = [];
  for (const part of filter.split(/\s+AND\s+/)) {
    const match = /^\s*([\w.]+)\s*(>=|<|<=|>|=)\s*"([^"]*)"\s*$/.exec(part);
    if (!match) return invalidArgument(`Invalid filter: ${filter}`, "INVALID_DATA_POINT_FILTER");
    const [, field, operator, literal] = match as unknown as [string, string, string, string];
    const member = field.startsWith(prefix) ? field.slice(prefix.length) : field;
    if (!field.startsWith(prefix) || !allowed.includes(member))
      return invalidArgument(`Member "${field}" is not supported for filtering.`, "INVALID_DATA_POINT_FILTER");
    if (operator !== ">=" && operator !== "<")
      return invalidArgument(`Operator "${operator}" is not supported; use >= and <.`, "INVALID_DATA_POINT_FILTER");
    clauses.push({ member: member.slice(member.lastIndexOf(".") + 1), operator, literal });
  }
  return clauses;
}

const compare = (key: string, clause: Clause) =>
  // Physical members compare instants; civil ones compare wall-clock strings, so a plain
  // date literal means that day's midnight.
  clause.member === "physical_time" || clause.member === "end_time"
    ? Date.parse(key) - Date.parse(clause.literal)
    : key < clause.literal
      ? -1
      : key === clause.literal
        ? 0
        : 1;

/** Page tokens are opaque to clients; ours carry the offset and the filter they belong to. */
const encodeToken = (offset: number, filter: string) =>
  Buffer.from(JSON.stringify({ offset, filter })).toString("base64url");
function decodeToken(token: string, filter: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString()) as { offset?: unknown; filter?: unknown };
    return typeof parsed.offset === "number" && parsed.filter === filter ? parsed.offset : undefined;
  } catch {
    return undefined;
  }
}

/** GET /v4/users/me/dataTypes/{type}/dataPoints?filter&pageSize&pageToken, newest first. */
function listDataPoints(request: SandboxRequest): Response {
  const { dataType } = request.params as { dataType: string };
  const spec = LIST_TYPES[dataType];
  if (!spec) return unknownType(dataType);
  const auth = authorize(request, spec.scopes);
  if (auth instanceof Response) return auth;
  request.state.record({ provider: PROVIDER, method: "GET", path: request.url.pathname, query: request.url.search });
  const query = request.url.searchParams;
  for (const name of query.keys()) {
    if (!LIST_PARAMS.has(name))
      return invalidArgument(
        `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
      );
  }
  const filter = query.get("filter") ?? "";
  const clauses = filter ? parseFilter(filter, dataType, spec.filters) : [];
  if (clauses instanceof Response) return clauses;
  const requested = Number(query.get("pageSize") ?? query.get("page_size") ?? 1440);
  if (!Number.isInteger(requested) || requested < 0)
    return invalidArgument("page_size must be a non-negative integer.");
  const pageSize = Math.min(requested || 1440, spec.maxPageSize, spec.pageFill ?? Number.POSITIVE_INFINITY);
  const token = query.get("pageToken") ?? query.get("page_token");
  const offset = token ? decodeToken(token, filter) : 0;
  if (offset === undefined) return invalidArgument("Invalid page token.");

  const bound = (operator: Clause["operator"], fallback: string) =>
    clauses.find((clause) => clause.operator === operator)?.literal.slice(0, 10) ?? fallback;
  // Generate a day either side of the filter, then let the filter decide exactly.
  const shift = (date: string, days: number) =>
    date === HISTORY || date === FUTURE
      ? date
      : new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
  const points = spec
    .points(auth.account, shift(bound(">=", HISTORY), -1), shift(bound("<", FUTURE), 2))
    .filter((point) =>
      clauses.every((clause) =>
        clause.operator === ">="
          ? compare(point.keys[clause.member]!, clause) >= 0
          : compare(point.keys[clause.member]!, clause) < 0,
      ),
    )
    .sort((a, b) => b.sortKey - a.sortKey);
  const page = points.slice(offset, offset + pageSize);
  const hasMore = offset + pageSize < points.length;
  // proto3 JSON: an empty list and an empty token are left out.
  return Response.json({
    ...(page.length ? { dataPoints: page.map((point) => point.json) } : {}),
    ...(hasMore ? { nextPageToken: encodeToken(offset + pageSize, filter) } : {}),
  });
}

type CivilDateTime = { date?: { year?: number; month?: number; day?: number } };
const civilDate = (value: CivilDateTime | undefined) => {
  const date = value?.date;
  if (!date?.year || !date.month || !date.day) return undefined;
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
};

/** POST /v4/users/me/dataTypes/{type}/dataPoints:dailyRollUp with {range:{start,end}, windowSizeDays}. */
async function dailyRollUp(request: SandboxRequest): Promise<Response> {
  const { dataType } = request.params as { dataType: string };
  const spec = ROLLUP_TYPES[dataType];
  if (!spec)
    return LIST_TYPES[dataType]
      ? invalidArgument(`Data type ${dataType} does not support daily roll-up.`)
      : unknownType(dataType);
  const auth = authorize(request, spec.scopes);
  if (auth instanceof Response) return auth;
  request.state.record({ provider: PROVIDER, method: "POST", path: request.url.pathname });
  const body = (await request.request.json().catch(() => null)) as {
    range?: { start?: CivilDateTime; end?: CivilDateTime };
    windowSizeDays?: number;
  } | null;
  const start = civilDate(body?.range?.start);
  const end = civilDate(body?.range?.end);
  if (!start || !end) return invalidArgument("range.start and range.end are required civil date-times.");
  if ((body?.windowSizeDays ?? 1) !== 1) return invalidArgument("The sandbox rolls up one-day windows only.");
  const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
  if (days <= 0) return invalidArgument("range.end must be after range.start.");
  if (days > spec.maxDays) return invalidArgument(`The maximum range for ${dataType} is ${spec.maxDays} days.`);
  const buckets = rollupPoints(dataType, auth.account, start, end);
  return Response.json(buckets.length ? { rollupDataPoints: buckets } : {});
}

export const dataRoutes: SandboxRoute[] = [
  { method: "GET", host: HOST, path: "/v4/users/:user/dataTypes/:dataType/dataPoints", handle: listDataPoints },
  {
    method: "POST",
    host: HOST,
    path: "/v4/users/:user/dataTypes/:dataType/dataPoints:dailyRollUp",
    handle: dailyRollUp,
  },
];
