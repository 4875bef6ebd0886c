import { z } from "zod";
import { AppError } from "@/lib/errors";
import { maxFileBytes } from "@/lib/files";
import { sniffFormat } from "@/lib/files/sniff";
import { readZipEntries } from "@/lib/files/zip";
import type { SyncContext, SyncStream, SyncedActivity } from "@/lib/sync/types";
import { CONNECT_API_HEADERS, connectApiUrl } from "./connect-api";
import type { GarminRegion } from "./regions";

// The original FIT of every activity the activities stream brought in, into the file vault.
// Connect's "original" download is a zip holding the FIT (garmin.md B6.6). Runs after the
// activities stream, for this connection's activities that have no file yet, oldest first.

const FILES_PER_PAGE = 10;
// Re-look a few days back each run: an activity synced late may start before the last one done.
const TRAILING_MS = 3 * 86_400_000;

const cursorSchema = z.object({ after: z.iso.datetime().nullable() });

/** The FIT inside Connect's zip (or a bare FIT, should it ever send one), or undefined if there is none. */
function originalFit(bytes: Uint8Array, activityId: string): { bytes: Uint8Array; fileName: string } | undefined {
  if (sniffFormat(bytes.subarray(0, 4096)) === "fit") return { bytes, fileName: `${activityId}.fit` };
  const entries = readZipEntries(bytes, { maxBytes: maxFileBytes() });
  const fit = entries.find((entry) => sniffFormat(entry.bytes.subarray(0, 4096)) === "fit");
  return fit && { bytes: fit.bytes, fileName: fit.name.split("/").pop()! };
}

async function download(context: SyncContext, region: GarminRegion, activity: SyncedActivity): Promise<boolean> {
  const url = connectApiUrl(region, `/download-service/files/activity/${activity.externalId}`);
  const response = await context.fetch(url, { headers: { ...CONNECT_API_HEADERS, accept: "*/*" } });
  // Manual entries and some imports have no original file: nothing to keep, nothing to retry.
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel();
    return false;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new AppError("PROVIDER_UNAVAILABLE", `Garmin Connect's file download answered HTTP ${response.status}.`);
  }
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > maxFileBytes())
    throw new AppError("PAYLOAD_TOO_LARGE", `Activity ${activity.externalId}'s file is larger than QT_FILE_MAX_MB.`);
  const fit = originalFit(new Uint8Array(await response.arrayBuffer()), activity.externalId);
  if (!fit) return false;
  await context.files.save(activity, fit);
  return true;
}

export function filesStream(region: GarminRegion): SyncStream {
  return {
    key: "files",
    label: "Original files",
    dataTypes: ["activities"],
    async fetchPage(context, rawCursor) {
      const cursor = rawCursor ? cursorSchema.parse(JSON.parse(rawCursor)) : { after: null };
      const after = cursor.after ? new Date(cursor.after) : null;
      const missing = await context.files.withoutFile({ after, limit: FILES_PER_PAGE });
      for (const activity of missing) await download(context, region, activity);
      const last = missing.at(-1)?.startAt ?? after;
      const next = last ? JSON.stringify({ after: last.toISOString() }) : null;
      if (missing.length === FILES_PER_PAGE) return { records: {}, nextCursor: next };
      const resume = last ? new Date(last.getTime() - TRAILING_MS).toISOString() : null;
      return { records: {}, nextCursor: null, resumeCursor: JSON.stringify({ after: resume }) };
    },
  };
}
