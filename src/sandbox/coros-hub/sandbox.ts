import { z } from "zod";
import { addDays } from "@/lib/dates";
import {
  syntheticDays,
  syntheticNights,
  syntheticWorkouts,
  type SyntheticSport,
  type SyntheticWorkout,
} from "@/sandbox/synthetic";
import { workoutFit } from "@/sandbox/garmin-connect/sandbox-activities";
import type { SandboxProvider, SandboxRequest, SandboxRoute } from "@/sandbox/types";
import {
  FILE_HOSTS,
  HUB_HOSTS,
  HUB_PROVIDER,
  hubProfile,
  hubStore,
  md5,
  regionOfHost,
  regionOfLogin,
  signature,
  TOKEN_TTL_MS,
  type HubRegionId,
} from "./sandbox-hub-store";

// COROS Training Hub's web API (teamapi / teameuapi / teamcnapi.coros.com) as t.coros.com meets
// it: HTTP 200 and a result code for everything, the MD5 of the password at sign-in, the token in
// an accessToken header. The sandbox's rules: the password "wrong-password" (or "wrong") is
// wrong, any other right; an account starting with "blocked" meets a 429.

const WRONG_PASSWORDS = new Set(["wrong", "wrong-password", "wrong password"].map(md5));
const SPORT_TYPES: Record<SyntheticSport, number> = {
  run: 100,
  trail_run: 102,
  ride: 200,
  swim: 300,
  walk: 900,
  hike: 104,
  strength: 402,
  yoga: 400,
};
const ok = (data?: unknown) =>
  Response.json({ apiCode: "0000", result: "0000", message: "OK", ...(data === undefined ? {} : { data }) });
const fail = (result: string, message: string) =>
  Response.json({ apiCode: result, result, message, tlogId: signature() });

const loginSchema = z.object({
  account: z.string().min(1),
  accountType: z.union([z.literal(1), z.literal(2)]),
  pwd: z.string(),
});
const yyyymmdd = (date: string) => date.replaceAll("-", "");
const isoOf = (compact: string) => `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;

async function login(request: SandboxRequest) {
  request.state.record({ provider: HUB_PROVIDER, method: "POST", path: "/account/login" });
  const body = loginSchema.safeParse(await request.request.json().catch(() => null));
  if (!body.success) return fail("1003", "Parameter error.");
  const account = body.data.account.trim().toLowerCase();
  if (account.startsWith("blocked")) return new Response("Too Many Requests", { status: 429 });
  // The web app sends the MD5 of the password, never the password itself.
  if (!/^[0-9a-f]{32}$/.test(body.data.pwd) || WRONG_PASSWORDS.has(body.data.pwd))
    return fail("1030", "The account or password is incorrect.");
  const token = request.state.issue("coros_hub");
  request.state.accessTokens.set(token, {
    provider: HUB_PROVIDER,
    account,
    scopes: [],
    expiresAt: Date.now() + TOKEN_TTL_MS,
  });
  return ok({ accessToken: token, ...hubProfile(account) });
}

type Caller = { login: string; region: HubRegionId };

/** The token's account, if the token is alive and this is its region's host; else COROS's result code. */
function authenticate(request: SandboxRequest, path: string): Caller | Response {
  request.state.record({ provider: HUB_PROVIDER, method: request.request.method, path });
  const issued = request.state.accessTokens.get(request.request.headers.get("accesstoken") ?? "");
  if (!issued || issued.provider !== HUB_PROVIDER) return fail("1001", "Please log in first.");
  if (issued.expiresAt !== null && issued.expiresAt < Date.now())
    return fail("1019", "Token expired, please log in again.");
  const region = regionOfHost(request.url.host)!;
  // Signed in anywhere, but served only at home (coros.md B6.3).
  if (regionOfLogin(issued.account) !== region) return fail("1001", "Please log in first.");
  return { login: issued.account, region };
}

function route(
  host: string,
  method: "GET" | "POST",
  path: string,
  handle: (request: SandboxRequest, caller: Caller) => Response | Promise<Response>,
): SandboxRoute {
  return {
    method,
    host,
    path,
    handle: (request) => {
      const caller = authenticate(request, path);
      return caller instanceof Response ? caller : handle(request, caller);
    },
  };
}

const workoutsOf = (login: string, from: Date, to: Date) => syntheticWorkouts(HUB_PROVIDER, login, from, to);
const labelOf = (workout: SyntheticWorkout) => `4${String(workout.id).padStart(17, "0")}`;

function listActivities(request: SandboxRequest, caller: Caller) {
  const query = request.url.searchParams;
  const size = Number(query.get("size") ?? 20);
  const pageNumber = Number(query.get("pageNumber") ?? 1);
  if (!(size >= 1 && size <= 200) || !(pageNumber >= 1))
    return fail("1003", "size must be 1-200 and pageNumber 1 or more.");
  const [startDay, endDay] = [query.get("startDay"), query.get("endDay")];
  const now = new Date();
  const from = startDay ? new Date(`${isoOf(startDay)}T00:00:00Z`) : new Date(now.getTime() - 730 * 86_400_000);
  const to = endDay ? new Date(`${addDays(isoOf(endDay), 1)}T00:00:00Z`) : now;
  // Newest first, as the web app lists them.
  const all = workoutsOf(caller.login, from, to).reverse();
  const dataList = all.slice((pageNumber - 1) * size, pageNumber * size).map((workout) => ({
    labelId: labelOf(workout),
    name: workout.name,
    sportType: SPORT_TYPES[workout.sport],
    date: Number(
      yyyymmdd(new Date(workout.startAt.getTime() + workout.utcOffsetSeconds * 1000).toISOString().slice(0, 10)),
    ),
    startTime: Math.floor(workout.startAt.getTime() / 1000),
    endTime: Math.floor(workout.startAt.getTime() / 1000) + workout.durationS,
    startTimezone: workout.utcOffsetSeconds / 900,
    endTimezone: workout.utcOffsetSeconds / 900,
    totalTime: workout.durationS,
    workoutTime: workout.movingTimeS,
    distance: workout.distanceM,
    device: "COROS PACE 3",
    avgHr: workout.avgHeartRate,
    maxHr: workout.maxHeartRate,
    calorie: workout.energyKcal * 1000,
    ascent: workout.elevationGainM,
    trainingLoad: Math.round(workout.durationS / 60),
    unitType: 0,
    imageUrl: "",
  }));
  return ok({ count: all.length, totalPage: Math.max(1, Math.ceil(all.length / size)), pageNumber, dataList });
}

function findWorkout(login: string, labelId: string) {
  const now = new Date();
  return workoutsOf(login, new Date(now.getTime() - 730 * 86_400_000), now).find(
    (workout) => labelOf(workout) === labelId,
  );
}

function downloadLink(request: SandboxRequest, caller: Caller) {
  const query = request.url.searchParams;
  const workout = findWorkout(caller.login, query.get("labelId") ?? "");
  if (!workout || Number(query.get("sportType")) !== SPORT_TYPES[workout.sport])
    return fail("1003", "Activity not found.");
  if (query.get("fileType") !== "4") return fail("1003", "The sandbox serves FIT (fileType 4) only.");
  const key = signature();
  hubStore(request.state).links.set(key, {
    login: caller.login,
    labelId: labelOf(workout),
    expiresAt: Date.now() + 3_600_000,
  });
  const fileUrl = `https://${FILE_HOSTS[caller.region]}/fit/${hubProfile(caller.login).userId}/${labelOf(workout)}.fit?Expires=${Math.floor(Date.now() / 1000) + 3600}&Signature=${key}`;
  return ok({ fileUrl });
}

/** The storage host: a pre-signed link opens the file once signed, never with a COROS token. */
function serveFile(request: SandboxRequest) {
  request.state.record({ provider: HUB_PROVIDER, method: "GET", path: "/fit/:userId/:file" });
  // Stricter than a bucket: a COROS token sent to the storage host is a leak, and refused as one.
  if (request.request.headers.has("accesstoken"))
    return new Response("<Error><Code>InvalidArgument</Code><Message>Unexpected accessToken header</Message></Error>", {
      status: 400,
      headers: { "content-type": "application/xml" },
    });
  const link = hubStore(request.state).links.get(request.url.searchParams.get("Signature") ?? "");
  if (!link || link.expiresAt < Date.now() || request.params.file !== `${link.labelId}.fit`)
    return new Response("<Error><Code>AccessDenied</Code></Error>", {
      status: 403,
      headers: { "content-type": "application/xml" },
    });
  const workout = findWorkout(link.login, link.labelId)!;
  return new Response(new Uint8Array(workoutFit("garmin.com", link.login, workout)), {
    headers: { "content-type": "application/octet-stream" },
  });
}

function accountQuery(_request: SandboxRequest, caller: Caller) {
  return ok(hubProfile(caller.login));
}

function dayDetail(request: SandboxRequest, caller: Caller) {
  const [start, end] = [request.url.searchParams.get("startDay") ?? "", request.url.searchParams.get("endDay") ?? ""];
  if (!/^\d{8}$/.test(start) || !/^\d{8}$/.test(end) || start > end)
    return fail("1003", "startDay and endDay are yyyyMMdd.");
  if (Date.parse(isoOf(end)) - Date.parse(isoOf(start)) > 168 * 86_400_000)
    return fail("1003", "At most 24 weeks at once.");
  const nights = new Map(
    syntheticNights(HUB_PROVIDER, caller.login, isoOf(start), isoOf(end)).map((night) => [night.localDate, night]),
  );
  const dayList = syntheticDays(HUB_PROVIDER, caller.login, isoOf(start), isoOf(end)).map((day) => ({
    happenDay: Number(yyyymmdd(day.localDate)),
    rhr: day.restingHeartRate,
    avgSleepHrv: nights.get(day.localDate)?.avgHrvMs ?? null,
    trainingLoad: Math.round(day.strain * 10),
  }));
  return ok({ dayList, weekList: [] });
}

function regionRoutes(region: HubRegionId): SandboxRoute[] {
  const host = HUB_HOSTS[region];
  return [
    { method: "POST", host, path: "/account/login", handle: login },
    route(host, "GET", "/account/query", accountQuery),
    route(host, "GET", "/activity/query", listActivities),
    route(host, "POST", "/activity/detail/download", downloadLink),
    route(host, "GET", "/analyse/dayDetail/query", dayDetail),
    {
      method: "GET",
      host: FILE_HOSTS[region],
      path: "/fit/:userId/:file",
      handle: serveFile,
      accepts: (url) => url.searchParams.has("Signature"),
    },
  ];
}

export const corosHubSandbox: SandboxProvider = { routes: ([1, 2, 3] as const).flatMap(regionRoutes) };
