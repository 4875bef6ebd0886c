import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";

export const API_HOST = "apis.garmin.com";

export const badRequest = (errorMessage: string) => Response.json({ errorMessage }, { status: 400 });

/**
 * A Garmin time range from `<prefix>StartTimeInSeconds` / `<prefix>EndTimeInSeconds` (pulls use
 * "upload", backfills "summary"), or Garmin's 400 when it is missing, reversed or too long.
 */
export function timeRange(
  request: SandboxRequest,
  prefix: "upload" | "summary",
  maxSeconds: number,
): { start: number; end: number } | Response {
  const query = request.url.searchParams;
  const [start, end] = [query.get(`${prefix}StartTimeInSeconds`), query.get(`${prefix}EndTimeInSeconds`)].map(
    (value) => (value !== null && /^\d+$/.test(value) ? Number(value) : undefined),
  );
  if (start === undefined || end === undefined) return badRequest("Missing time range parameters");
  if (end <= start) return badRequest(`${prefix}EndTimeInSeconds must be after ${prefix}StartTimeInSeconds`);
  if (end - start > maxSeconds) return badRequest(`The time range may not exceed ${maxSeconds} seconds`);
  return { start, end };
}

/** Who is asking and what they granted; an empty grant is consent to every permission. */
export type GarminAuthenticate = (request: SandboxRequest) => Promise<GarminCaller | Response>;

/** `clientId`: the OAuth 2.0 client the token was issued to (absent for OAuth 1.0a). */
export type GarminCaller = { account: string; scopes?: string[]; clientId?: string };

/** A GET on Garmin's API host: recorded, then authenticated, then handed to `handle` with the caller. */
export function authenticatedGet(
  path: string,
  authenticate: GarminAuthenticate,
  handle: (request: SandboxRequest, auth: GarminCaller) => Promise<Response> | Response,
): SandboxRoute {
  return {
    method: "GET",
    host: API_HOST,
    path,
    async handle(request) {
      request.state.record({ provider: "garmin", method: "GET", path });
      const auth = await authenticate(request);
      return auth instanceof Response ? auth : handle(request, auth);
    },
  };
}
