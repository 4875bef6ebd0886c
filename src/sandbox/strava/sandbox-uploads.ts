import { parseActivityFile } from "@/lib/files/parse";
import { FILE_FORMATS, type FileFormat } from "@/lib/files/types";
import { authenticateBearer } from "@/sandbox/oauth2-server";
import type { SandboxUpload } from "@/sandbox/state";
import { syntheticWorkouts } from "@/sandbox/synthetic";
import type { SandboxRequest } from "@/sandbox/types";
import { gunzipSync } from "node:zlib";

// Strava's upload flow: POST /uploads answers 201 at once with the upload "still being
// processed"; GET /uploads/{id} tells when it became an activity, or why not. A file whose
// external_id or start time the athlete already has is refused as a duplicate of that activity.

const PROCESSING = "Your activity is still being processed.";
const READY = "Your activity is ready.";
const FAILED = "There was an error processing your activity.";
const POLLS_UNTIL_DONE = 1;

const stravaError = (status: number, message: string, resource: string, field: string, code = "invalid") =>
  Response.json({ message, errors: [{ resource, field, code }] }, { status });

const SPORT_TYPES: Partial<Record<string, string>> = {
  run: "Run",
  trail_run: "TrailRun",
  treadmill_run: "Run",
  ride: "Ride",
  swim: "Swim",
  walk: "Walk",
  hike: "Hike",
  strength: "WeightTraining",
  yoga: "Yoga",
};

function uploadJson(upload: SandboxUpload) {
  const isDone = upload.pollsUntilDone <= 0;
  return {
    id: upload.id,
    id_str: String(upload.id),
    external_id: upload.externalId,
    error: isDone ? (upload.error ?? null) : null,
    status: !isDone ? PROCESSING : upload.error ? FAILED : READY,
    activity_id: isDone && upload.activity ? upload.activity.id : null,
  };
}

/** The id of the athlete's activity this file would duplicate: same external_id, or same start second. */
function findDuplicate(request: SandboxRequest, account: string, externalId: string | null, startAt: Date) {
  const second = Math.floor(startAt.getTime() / 1000);
  const uploaded = request.state.uploadedActivities.find(
    (activity) =>
      activity.provider === "strava" &&
      activity.account === account &&
      ((externalId && activity.externalId === externalId) || Math.floor(activity.startAt.getTime() / 1000) === second),
  );
  if (uploaded) return uploaded.id;
  const around = new Date(second * 1000);
  return syntheticWorkouts(
    "strava",
    account,
    new Date(around.getTime() - 1000),
    new Date(around.getTime() + 1000),
  ).find((workout) => Math.floor(workout.startAt.getTime() / 1000) === second)?.id;
}

/** POST /api/v3/uploads (multipart: file, data_type, external_id, name). */
export async function createStravaUpload(request: SandboxRequest): Promise<Response> {
  const auth = authenticateBearer(request, "strava", () =>
    stravaError(401, "Authorization Error", "Athlete", "access_token"),
  );
  if (auth instanceof Response) return auth;
  if (!auth.scopes.includes("activity:write"))
    return stravaError(401, "Authorization Error", "AccessToken", "activity:write permission", "missing");
  request.state.record({ provider: "strava", method: "POST", path: "/api/v3/uploads" });
  const form = await request.request.formData().catch(() => null);
  const file = form?.get("file");
  if (!form || !(file instanceof Blob)) return stravaError(400, "Bad Request", "Upload", "file", "empty");
  const dataType = String(form.get("data_type") ?? "");
  const format = dataType.replace(/\.gz$/, "") as FileFormat;
  if (!FILE_FORMATS.includes(format)) return stravaError(400, "Bad Request", "Upload", "data_type");
  const externalId = form.get("external_id") ? String(form.get("external_id")) : null;
  const fileName = file instanceof File ? file.name : `upload.${dataType}`;
  let bytes = new Uint8Array(await file.arrayBuffer());
  const upload: SandboxUpload = {
    id: request.state.takeUploadId(),
    provider: "strava",
    account: auth.account,
    externalId,
    pollsUntilDone: POLLS_UNTIL_DONE,
  };
  request.state.uploads.set(upload.id, upload);
  try {
    if (dataType.endsWith(".gz")) bytes = new Uint8Array(gunzipSync(bytes));
    const parsed = parseActivityFile(bytes, format);
    const duplicate = findDuplicate(request, auth.account, externalId, parsed.startAt);
    if (duplicate !== undefined) {
      upload.error = `${fileName} duplicate of activity ${duplicate}`;
    } else {
      upload.activity = {
        id: request.state.takeUploadId(),
        provider: "strava",
        account: auth.account,
        externalId,
        name: String(form.get("name") ?? "") || parsed.name || "Uploaded activity",
        sportType: SPORT_TYPES[parsed.type] ?? "Workout",
        startAt: parsed.startAt,
        durationS: Math.round(parsed.durationS ?? 0),
        movingTimeS: Math.round(parsed.movingTimeS ?? parsed.durationS ?? 0),
        distanceM: parsed.distanceM ?? 0,
      };
      request.state.uploadedActivities.push(upload.activity);
    }
  } catch (error) {
    upload.error = `${fileName}: ${(error as Error).message}`;
  }
  return Response.json(uploadJson(upload), { status: 201 });
}

/** GET /api/v3/uploads/{id}: processing for a moment, then the activity id or the error. */
export function getStravaUpload(request: SandboxRequest): Response {
  const auth = authenticateBearer(request, "strava", () =>
    stravaError(401, "Authorization Error", "Athlete", "access_token"),
  );
  if (auth instanceof Response) return auth;
  request.state.record({ provider: "strava", method: "GET", path: "/api/v3/uploads/:id" });
  const upload = request.state.uploads.get(Number(request.params.uploadId));
  if (!upload || upload.account !== auth.account) return stravaError(404, "Record Not Found", "Upload", "id");
  const answer = uploadJson(upload);
  upload.pollsUntilDone -= 1;
  return Response.json(answer);
}
