import { createHash } from "node:crypto";
import yazl from "yazl";
import { addDays } from "@/lib/dates";
import { syntheticDays, syntheticNights } from "@/sandbox/synthetic";
import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { accountWorkouts, activityListItem, findWorkout, workoutFit, workoutRoute } from "./sandbox-activities";
import {
  activityKey,
  connectProfile,
  connectStore,
  domainOfHost,
  providerOf,
  type GarminDomain,
} from "./sandbox-store";
import { authenticateConnect } from "./sandbox-tokens";

// connectapi.garmin.com / connectapi.garmin.cn: the Connect app's private API, Bearer tokens
// from the exchange. Paths, query parameters and field names as python-garminconnect and garth
// read them (garmin.md B4). Per-person paths name the person by displayName.

export type Caller = { domain: GarminDomain; login: string; profile: ReturnType<typeof connectProfile> };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const badRequest = (message: string) => Response.json({ message, error: "BadRequestException" }, { status: 400 });
const notFound = () => Response.json({ message: "Not Found", error: "NotFoundException" }, { status: 404 });

/** A route on the API host: recorded under its pattern, then authenticated. */
export function api(
  host: string,
  method: "GET" | "POST" | "DELETE",
  path: string,
  handle: (request: SandboxRequest, caller: Caller) => Response | Promise<Response>,
): SandboxRoute {
  return {
    method,
    host,
    path,
    async handle(request) {
      const domain = domainOfHost(host);
      request.state.record({ provider: providerOf(domain), method, path });
      const login = authenticateConnect(request);
      if (login instanceof Response) return login;
      return handle(request, { domain, login, profile: connectProfile(domain, login) });
    },
  };
}

/** Someone else's displayName in the path: Garmin shows nothing of another person's. */
const isOwnName = (request: SandboxRequest, caller: Caller) =>
  request.params.displayName === caller.profile.displayName;

function listActivities(request: SandboxRequest, caller: Caller) {
  const query = request.url.searchParams;
  const start = Number(query.get("start") ?? 0);
  const limit = Number(query.get("limit") ?? 20);
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000)
    return badRequest("start must be 0 or more and limit 1 to 1000.");
  const [startDate, endDate] = [query.get("startDate"), query.get("endDate")];
  if ((startDate && !isoDate.test(startDate)) || (endDate && !isoDate.test(endDate)))
    return badRequest("startDate and endDate are YYYY-MM-DD.");
  const now = new Date();
  // The dates are the wearer's local calendar days; a day either side covers every offset.
  const from = startDate
    ? new Date(Date.parse(`${addDays(startDate, -1)}T00:00:00Z`))
    : new Date(now.getTime() - 730 * 86_400_000);
  const to = endDate ? new Date(Date.parse(`${addDays(endDate, 2)}T00:00:00Z`)) : now;
  const deleted = connectStore(request.state).deleted;
  const items = accountWorkouts(caller.domain, caller.login, from, to)
    .filter((workout) => !deleted.has(activityKey(caller.domain, caller.login, workout.id)))
    .map((workout) => activityListItem(workout, caller.profile.profileId))
    .filter(
      (item) =>
        (!startDate || item.startTimeLocal.slice(0, 10) >= startDate) &&
        (!endDate || item.startTimeLocal.slice(0, 10) <= endDate),
    );
  // Newest first unless asked otherwise, as the web app lists them.
  if (query.get("sortOrder") !== "asc") items.reverse();
  return Response.json(items.slice(start, start + limit));
}

/** A synthetic workout of the caller's, unless deleted. */
function ownWorkout(request: SandboxRequest, caller: Caller) {
  const id = Number(request.params.activityId);
  if (connectStore(request.state).deleted.has(activityKey(caller.domain, caller.login, id))) return undefined;
  return findWorkout(caller.domain, caller.login, id);
}

/** An uploaded activity of the caller's, unless deleted. */
function ownUpload(request: SandboxRequest, caller: Caller) {
  const id = Number(request.params.activityId);
  const store = connectStore(request.state);
  if (store.deleted.has(activityKey(caller.domain, caller.login, id))) return undefined;
  return [...store.uploads.entries()].find(
    ([, upload]) => upload.domain === caller.domain && upload.login === caller.login && upload.activityId === id,
  );
}

/** GET /activity-service/activity/{id}: the summary, enough to tell the activity is there. */
function activitySummary(request: SandboxRequest, caller: Caller) {
  const workout = ownWorkout(request, caller);
  if (workout) return Response.json({ activityId: workout.id, activityName: workout.name });
  const upload = ownUpload(request, caller);
  if (!upload) return notFound();
  return Response.json({ activityId: upload[1].activityId, activityName: upload[1].fileName });
}

/** DELETE /activity-service/activity/{id}: 204; an uploaded file may then be uploaded again. */
function deleteActivity(request: SandboxRequest, caller: Caller) {
  const workout = ownWorkout(request, caller);
  const upload = workout ? undefined : ownUpload(request, caller);
  if (!workout && !upload) return notFound();
  const store = connectStore(request.state);
  store.deleted.add(activityKey(caller.domain, caller.login, Number(request.params.activityId)));
  if (upload) store.uploads.delete(upload[0]);
  return new Response(null, { status: 204 });
}

function activityDetails(request: SandboxRequest, caller: Caller) {
  const workout = ownWorkout(request, caller);
  if (!workout) return notFound();
  const route = workoutRoute(caller.domain, caller.login, workout);
  return Response.json({
    activityId: workout.id,
    measurementCount: 4,
    metricsCount: route.length,
    geoPolylineDTO: route.length
      ? { startPoint: route[0], endPoint: route.at(-1), polyline: route.map((point) => ({ ...point, altitude: 410 })) }
      : null,
  });
}

function zipOf(name: string, bytes: Uint8Array): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(bytes), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** The original download: a zip holding the FIT, named as Connect names it. */
async function downloadOriginal(request: SandboxRequest, caller: Caller) {
  const workout = ownWorkout(request, caller);
  if (!workout) return notFound();
  const zip = await zipOf(`${workout.id}_ACTIVITY.fit`, workoutFit(caller.domain, caller.login, workout));
  return new Response(new Uint8Array(zip), {
    headers: {
      "content-type": "application/x-zip-compressed",
      "content-disposition": `attachment; filename="${workout.id}.zip"`,
      "content-length": String(zip.length),
    },
  });
}

/** POST /upload-service/upload: multipart `file`; its extension says how Connect reads it. */
async function upload(request: SandboxRequest, caller: Caller) {
  const form = await request.request.formData().catch(() => null);
  const file = form?.get("file");
  if (!file || typeof file === "string") return badRequest("A multipart field named file is required.");
  const extension = /\.(fit|gpx|tcx)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (!extension) return Response.json({ message: "Unsupported file type." }, { status: 415 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const hash = createHash("sha256").update(bytes).digest("hex");
  const store = connectStore(request.state);
  const key = `${caller.domain}:${caller.login}:${hash}`;
  const result = (activityId: number | null, failure?: { activityId: number; message: string }) => ({
    detailedImportResult: {
      uploadId: Date.now(),
      uploadUuid: { uuid: crypto.randomUUID() },
      owner: caller.profile.profileId,
      fileSize: bytes.length,
      processingTime: 41,
      creationDate: new Date().toISOString().replace("T", " ").slice(0, 23),
      fileName: file.name,
      report: null,
      successes: activityId ? [{ internalId: activityId, externalId: null, messages: null }] : [],
      // A duplicate names the activity already holding this file.
      failures: failure
        ? [{ internalId: failure.activityId, externalId: null, messages: [{ code: 202, content: failure.message }] }]
        : [],
    },
  });
  const previous = store.uploads.get(key);
  if (previous)
    return Response.json(result(null, { activityId: previous.activityId, message: "Duplicate Activity." }), {
      status: 409,
    });
  const activityId = 20_000_000_000 + (Number.parseInt(hash.slice(0, 8), 16) % 1_000_000_000);
  store.uploads.set(key, {
    domain: caller.domain,
    login: caller.login,
    activityId,
    fileName: file.name,
    at: Date.now(),
  });
  return Response.json(result(activityId), { status: 201 });
}

function dailySummary(request: SandboxRequest, caller: Caller) {
  if (!isOwnName(request, caller)) return Response.json({ privacyProtected: true });
  const date = request.url.searchParams.get("calendarDate") ?? "";
  if (!isoDate.test(date)) return badRequest("calendarDate is YYYY-MM-DD.");
  const day = syntheticDays(providerOf(caller.domain), caller.login, date, date)[0];
  return Response.json({
    userProfileId: caller.profile.profileId,
    calendarDate: date,
    totalSteps: day?.steps ?? null,
    totalDistanceMeters: day?.distanceM ?? null,
    activeKilocalories: day?.activeEnergyKcal ?? null,
    bmrKilocalories: day ? day.totalEnergyKcal - day.activeEnergyKcal : null,
    totalKilocalories: day?.totalEnergyKcal ?? null,
    restingHeartRate: day?.restingHeartRate ?? null,
    averageStressLevel: day?.stressAvg ?? null,
    bodyBatteryHighestValue: day?.bodyBatteryHigh ?? null,
    bodyBatteryLowestValue: day?.bodyBatteryLow ?? null,
    privacyProtected: false,
  });
}

const LEVELS = { deep: 0, light: 1, rem: 2, awake: 3 } as const;
const gmt = (instant: Date) => instant.toISOString().slice(0, 21);

function sleepData(request: SandboxRequest, caller: Caller) {
  if (!isOwnName(request, caller)) return Response.json({ privacyProtected: true });
  const date = request.url.searchParams.get("date") ?? "";
  if (!isoDate.test(date)) return badRequest("date is YYYY-MM-DD.");
  const night = syntheticNights(providerOf(caller.domain), caller.login, date, date)[0];
  if (!night)
    return Response.json({
      dailySleepDTO: { id: null, userProfilePK: caller.profile.profileId, calendarDate: date, sleepTimeSeconds: null },
    });
  return Response.json({
    dailySleepDTO: {
      id: night.bedtimeStart.getTime(),
      userProfilePK: caller.profile.profileId,
      calendarDate: night.localDate,
      sleepTimeSeconds: night.asleepS,
      napTimeSeconds: 0,
      sleepStartTimestampGMT: night.bedtimeStart.getTime(),
      sleepEndTimestampGMT: night.bedtimeEnd.getTime(),
      sleepStartTimestampLocal: night.bedtimeStart.getTime() + night.utcOffsetSeconds * 1000,
      sleepEndTimestampLocal: night.bedtimeEnd.getTime() + night.utcOffsetSeconds * 1000,
      deepSleepSeconds: night.deepS,
      lightSleepSeconds: night.lightS,
      remSleepSeconds: night.remS,
      awakeSleepSeconds: night.awakeS,
      averageRespirationValue: night.respiratoryRate,
      sleepScores: { overall: { value: night.score, qualifierKey: night.score >= 80 ? "GOOD" : "FAIR" } },
    },
    sleepLevels: night.stages.map((stage) => ({
      startGMT: gmt(stage.startAt),
      endGMT: gmt(stage.endAt),
      activityLevel: LEVELS[stage.stage],
    })),
    restingHeartRate: night.lowestHeartRate,
    avgOvernightHrv: night.avgHrvMs,
  });
}

function hrvRange(request: SandboxRequest, caller: Caller) {
  const { start, end } = request.params;
  if (!isoDate.test(start ?? "") || !isoDate.test(end ?? "") || start! > end!) return badRequest("Invalid date range.");
  const nights = syntheticNights(providerOf(caller.domain), caller.login, start!, end!);
  return Response.json({
    hrvSummaries: nights.map((night) => ({
      calendarDate: night.localDate,
      weeklyAvg: night.avgHrvMs,
      lastNightAvg: night.avgHrvMs,
      lastNight5MinHigh: night.avgHrvMs + 18,
      status: "BALANCED",
      feedbackPhrase: "HRV_BALANCED_2",
      createTimeStamp: night.bedtimeEnd.toISOString().slice(0, 23),
    })),
    userProfilePk: caller.profile.profileId,
  });
}

export function apiRoutes(host: string): SandboxRoute[] {
  return [
    api(host, "GET", "/userprofile-service/socialProfile", (_request, caller) => Response.json(caller.profile)),
    api(host, "GET", "/activitylist-service/activities/search/activities", listActivities),
    api(host, "GET", "/activity-service/activity/:activityId/details", activityDetails),
    api(host, "GET", "/download-service/files/activity/:activityId", downloadOriginal),
    api(host, "POST", "/upload-service/upload", upload),
    api(host, "GET", "/activity-service/activity/:activityId", activitySummary),
    api(host, "DELETE", "/activity-service/activity/:activityId", deleteActivity),
    api(host, "GET", "/usersummary-service/usersummary/daily/:displayName", dailySummary),
    api(host, "GET", "/wellness-service/wellness/dailySleepData/:displayName", sleepData),
    api(host, "GET", "/hrv-service/hrv/daily/:start/:end", hrvRange),
  ];
}
