import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ProviderUploads, UploadContext, UploadStatus } from "@/lib/forwarding/types";
import { CONNECT_API_HEADERS, connectApiUrl } from "./connect-api";
import type { GarminRegion } from "./regions";

// Garmin Connect as a forwarding destination (garmin.md B4): the app's upload service takes a
// multipart `file` whose extension says how to read it, and answers with the activity it made
// at once (201), or 409 naming the activity that already holds this file. Connect dedupes by
// the file itself, so a resend after a lost answer is a 409, never a second copy.

const importMessageSchema = z.object({ code: z.number().nullish(), content: z.string().nullish() });
const importEntrySchema = z.object({
  internalId: z.number().int().nullish(),
  messages: z.array(importMessageSchema).nullish(),
});
export const connectImportResultSchema = z.object({
  detailedImportResult: z.object({
    uploadId: z.union([z.number(), z.string()]).nullish(),
    successes: z.array(importEntrySchema).nullish(),
    failures: z.array(importEntrySchema).nullish(),
  }),
});
export type ConnectImportResult = z.infer<typeof connectImportResultSchema>;

const messagesOf = (entry: z.infer<typeof importEntrySchema> | undefined) =>
  (entry?.messages ?? [])
    .map((message) => message.content)
    .filter(Boolean)
    .join(" ");

/** How an import result reads: the activity made, the one it duplicates, or why Connect refused it. */
export function readConnectImport(
  status: number,
  body: ConnectImportResult,
): Exclude<UploadStatus, { state: "processing" }> {
  const { successes, failures } = body.detailedImportResult;
  const made = successes?.find((entry) => entry.internalId != null);
  if (made) return { state: "done", activityExternalId: String(made.internalId) };
  const failure = failures?.[0];
  const message = messagesOf(failure) || `Garmin Connect refused the file (HTTP ${status}).`;
  if (status === 409 && failure?.internalId != null)
    return { state: "duplicate", activityExternalId: String(failure.internalId), message };
  return { state: "error", message };
}

async function bodyOf(response: Response): Promise<unknown> {
  return response.json().catch(() => null);
}

/** A 5xx or an answer that names nothing is retried later; a resend is safe (Connect dedupes by file). */
const unavailable = (what: string, status: number) =>
  new AppError("PROVIDER_UNAVAILABLE", `Garmin Connect ${what} answered HTTP ${status}.`);

export function connectUploads(region: GarminRegion): ProviderUploads {
  const activityUrl = (activityId: string) =>
    connectApiUrl(region, `/activity-service/activity/${encodeURIComponent(activityId)}`);

  return {
    formats: ["fit", "tcx", "gpx"],
    pollIntervalMs: 1000,

    async upload(context: UploadContext, file) {
      const form = new FormData();
      // Connect reads the file by its name's extension, whatever the name says before it.
      const base = file.fileName.replace(/\.(fit|gpx|tcx)(\.gz)?$/i, "");
      form.set("file", new Blob([new Uint8Array(file.bytes)]), `${base}.${file.format}`);
      const response = await context.fetch(connectApiUrl(region, "/upload-service/upload"), {
        method: "POST",
        headers: CONNECT_API_HEADERS,
        body: form,
      });
      if (response.status >= 500) throw unavailable("upload", response.status);
      const parsed = connectImportResultSchema.safeParse(await bodyOf(response));
      if (!parsed.success) {
        if (response.status >= 400)
          throw new AppError("PROVIDER_REFUSED", `Garmin Connect refused the upload (HTTP ${response.status}).`);
        throw unavailable("upload", response.status);
      }
      const status = readConnectImport(response.status, parsed.data);
      if (status.state === "error") {
        // Accepted but not yet an activity (a 202 naming none): asked again later; the resend meets a 409 with its id.
        if (response.ok) throw unavailable("upload (still importing)", response.status);
        throw new AppError("PROVIDER_REFUSED", status.message);
      }
      // Our upload id is the activity Connect made (or holds): Connect has no upload to ask about later.
      return { uploadId: status.activityExternalId, status };
    },

    /** The upload id is the activity Connect made: done while that activity is there. */
    async poll(context, uploadId) {
      const response = await context.fetch(activityUrl(uploadId), { headers: CONNECT_API_HEADERS });
      if (response.ok) return { state: "done", activityExternalId: uploadId };
      if (response.status === 404)
        return { state: "error", message: `Activity ${uploadId} is no longer on Garmin Connect.` };
      throw unavailable("activity", response.status);
    },

    async deleteActivity(context, activityExternalId) {
      const response = await context.fetch(activityUrl(activityExternalId), {
        method: "DELETE",
        headers: CONNECT_API_HEADERS,
      });
      // Already gone is what a delete wants.
      if (response.ok || response.status === 404) return;
      if (response.status >= 500) throw unavailable("delete", response.status);
      throw new AppError(
        "PROVIDER_REFUSED",
        `Garmin Connect refused to delete activity ${activityExternalId} (HTTP ${response.status}).`,
      );
    },
  };
}
