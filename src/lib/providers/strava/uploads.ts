import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ProviderUploads, UploadContext, UploadStatus } from "@/lib/forwarding/types";
import { readJson } from "../http";

const UPLOADS_URL = "https://www.strava.com/api/v3/uploads";

// Strava's Upload object. `error` and `activity_id` are null while the file is processing.
export const stravaUploadSchema = z.object({
  id: z.number().int(),
  id_str: z.string().nullish(),
  external_id: z.string().nullish(),
  error: z.string().nullish(),
  status: z.string().nullish(),
  activity_id: z.number().int().nullish(),
});
export type StravaUpload = z.infer<typeof stravaUploadSchema>;

// "file.fit duplicate of activity 123456789": Strava already holds it; that activity is the match.
const DUPLICATE = /duplicate of (?:activity\s*)?(?:<a[^>]*>)?(\d+)/i;

export function readStravaUpload(upload: StravaUpload): UploadStatus {
  if (upload.activity_id) return { state: "done", activityExternalId: String(upload.activity_id) };
  if (upload.error) {
    const duplicate = DUPLICATE.exec(upload.error);
    return duplicate
      ? { state: "duplicate", activityExternalId: duplicate[1]!, message: upload.error }
      : { state: "error", message: upload.error };
  }
  return { state: "processing" };
}

async function readUpload(response: Response, what: string): Promise<StravaUpload> {
  const body = await readJson(response, what);
  // 4xx with Strava's error shape: the file or the request is refused for good.
  if (response.status >= 400 && response.status < 500) {
    const message = (body as { message?: unknown })?.message;
    throw new AppError("PROVIDER_REFUSED", `Strava ${what} refused it (HTTP ${response.status}: ${String(message)}).`);
  }
  if (!response.ok) throw new AppError("PROVIDER_UNAVAILABLE", `Strava ${what} answered HTTP ${response.status}.`);
  return stravaUploadSchema.parse(body);
}

export const stravaUploads: ProviderUploads = {
  formats: ["fit", "tcx", "gpx"],
  requiredScopes: ["activity:write"],
  pollIntervalMs: 2000,

  async upload(context: UploadContext, file) {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(file.bytes)]), file.fileName);
    form.set("data_type", file.format);
    form.set("external_id", file.externalId);
    if (file.name) form.set("name", file.name);
    const response = await context.fetch(UPLOADS_URL, { method: "POST", body: form });
    const upload = await readUpload(response, "upload");
    return { uploadId: upload.id_str ?? String(upload.id), status: readStravaUpload(upload) };
  },

  async poll(context, uploadId) {
    const response = await context.fetch(`${UPLOADS_URL}/${encodeURIComponent(uploadId)}`);
    return readStravaUpload(await readUpload(response, "upload status"));
  },
};
