import { gunzipSync } from "node:zlib";
import type { Database } from "@/lib/db/client";
import { indexActivityFile } from "@/lib/db/queries/activity-files";
import type { ActivityFile } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { sniffFormat } from "./sniff";
import type { FileStore } from "./store";

export interface SaveActivityFileParams {
  userId: string;
  bytes: Uint8Array;
  origin: ActivityFile["origin"];
  /** The source slug that handed the file over ("garmin", "upload", …). */
  source: string;
  fileName?: string | null;
  activityId?: string | null;
  startAt?: Date | null;
  maxBytes?: number;
}

/**
 * Keeps a FIT, GPX or TCX file: the bytes in the store under their hash, a row in the index.
 * A gzip wrapper (`.fit.gz`) is taken off first, so the same recording is kept once however it
 * arrived. Anything that is not one of the three formats is refused with 415.
 */
export async function saveActivityFile(
  db: Database,
  store: FileStore,
  params: SaveActivityFileParams,
): Promise<ActivityFile> {
  let bytes = params.bytes;
  let format = sniffFormat(bytes.subarray(0, 4096));
  if (format === "gzip") {
    bytes = gunzipSync(bytes, params.maxBytes ? { maxOutputLength: params.maxBytes } : {});
    format = sniffFormat(bytes.subarray(0, 4096));
  }
  if (format !== "fit" && format !== "gpx" && format !== "tcx") {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `${params.fileName ?? "The file"} is not a FIT, GPX or TCX file${format === "zip" ? " (a zip must be unpacked first)" : ""}.`,
    );
  }
  const stored = await store.put(params.userId, bytes, { maxBytes: params.maxBytes });
  return indexActivityFile(db, {
    userId: params.userId,
    contentHash: stored.sha256,
    format,
    origin: params.origin,
    source: params.source,
    fileName: params.fileName ?? null,
    sizeBytes: stored.sizeBytes,
    activityId: params.activityId ?? null,
    startAt: params.startAt ?? null,
  });
}
