import { authenticateBearer } from "@/sandbox/oauth2-server";
import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import {
  recordAt,
  whoopBodyMeasurement,
  whoopNightRecords,
  whoopWorkoutRecords,
  type WhoopSandboxRecord,
} from "./sandbox-records";

const HOST = "api.prod.whoop.com";
const API = "/developer";
const MAX_LIMIT = 25;
const DEFAULT_LIMIT = 10;
const PER_MINUTE = 100;
const PER_DAY = 10_000;
const HISTORY_MS = 3 * 365 * 86_400_000;

// WHOOP documents no body for its API 401s.
const unauthorized = () => new Response(null, { status: 401 });
const badRequest = (message: string) => Response.json({ error: "bad_request", message }, { status: 400 });

/** WHOOP's per-app headers: the limit closest to being hit first, then both windows. */
function rateLimitHeaders(request: SandboxRequest): Record<string, string> {
  const used = request.state.calls.filter(
    (call) => call.provider === "whoop" && call.path.startsWith(`${API}/v2/`),
  ).length;
  return {
    "x-ratelimit-limit": `${PER_MINUTE}, ${PER_MINUTE};window=60, ${PER_DAY};window=86400`,
    "x-ratelimit-remaining": String(PER_MINUTE - 1 - ((used - 1) % PER_MINUTE)),
    "x-ratelimit-reset": String(60 - (Math.floor(Date.now() / 1000) % 60)),
  };
}

function authorize(request: SandboxRequest, path: string, scope: string) {
  request.state.record({ provider: "whoop", method: "GET", path });
  const auth = authenticateBearer(request, "whoop", unauthorized);
  if (auth instanceof Response) return auth;
  return auth.scopes.includes(scope) ? auth : unauthorized();
}

const instant = (value: string | null) => (value === null ? undefined : Date.parse(value));
const encodeToken = (offset: number) => Buffer.from(`${offset}:${MAX_LIMIT}`).toString("base64").replace(/=+$/, "");
const decodeToken = (token: string) => Number(Buffer.from(token, "base64").toString().split(":")[0]);

/**
 * A paginated v2 collection: `start` inclusive, `end` exclusive (default now), newest first,
 * `limit` up to 25, `nextToken` in the query and `next_token` in the body.
 */
function collection(
  path: string,
  scope: string,
  records: (login: string, from: number, to: number) => WhoopSandboxRecord[],
): SandboxRoute {
  return {
    method: "GET",
    host: HOST,
    path: `${API}${path}`,
    handle(request) {
      const auth = authorize(request, `${API}${path}`, scope);
      if (auth instanceof Response) return auth;
      const query = request.url.searchParams;
      const limit = Number(query.get("limit") ?? DEFAULT_LIMIT);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
        return badRequest(`limit must be between 1 and ${MAX_LIMIT}`);
      const now = Date.now();
      const start = instant(query.get("start")) ?? now - HISTORY_MS;
      const end = instant(query.get("end")) ?? now;
      if (Number.isNaN(start) || Number.isNaN(end)) return badRequest("start and end must be ISO 8601 date-times");
      const token = query.get("nextToken");
      const offset = token ? decodeToken(token) : 0;
      if (!Number.isInteger(offset) || offset < 0) return badRequest("invalid nextToken");

      const matching = records(auth.account, start, end)
        .filter((record) => record.start >= start && record.start < end)
        .sort((a, b) => b.start - a.start)
        .flatMap((record) => {
          const json = recordAt(record, now);
          return json ? [json] : [];
        });
      const page = matching.slice(offset, offset + limit);
      const hasMore = offset + limit < matching.length;
      return Response.json(
        { records: page, ...(hasMore ? { next_token: encodeToken(offset + limit) } : {}) },
        { headers: rateLimitHeaders(request) },
      );
    },
  };
}

function bodyMeasurement(request: SandboxRequest) {
  const auth = authorize(request, `${API}/v2/user/measurement/body`, "read:body_measurement");
  if (auth instanceof Response) return auth;
  return Response.json(whoopBodyMeasurement(auth.account), { headers: rateLimitHeaders(request) });
}

export const whoopDataRoutes: SandboxRoute[] = [
  collection("/v2/cycle", "read:cycles", (login) => whoopNightRecords(login).cycles),
  collection("/v2/recovery", "read:recovery", (login) => whoopNightRecords(login).recoveries),
  collection("/v2/activity/sleep", "read:sleep", (login) => whoopNightRecords(login).sleeps),
  collection("/v2/activity/workout", "read:workout", (login, from, to) => whoopWorkoutRecords(login, from, to)),
  { method: "GET", host: HOST, path: `${API}/v2/user/measurement/body`, handle: bodyMeasurement },
];
