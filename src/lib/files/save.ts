import { gunzipSync } from "node:zlib";
import type { Database } from "@/lib/db/client";
import { indexActivityFile } from "@/lib/db/queries/activity-files";
import type { ActivityFile } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { formatFileSize } from "./format-size";
import { sniffFormat } from "./sniff";
import type { FileStore } from "./store";
import type { FileFormat } from "./types";

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
 * The bytes of a FIT, GPX or TCX file and which one it is. A gzip wrapper (`.fit.gz`) is taken
 * off first, so the same recording is kept once however it arrived; past `maxBytes` unpacked it
 * is refused (413) rather than inflated without end. Anything else is refused with 415.
 */
export function unwrapActivityFile(
  input: Uint8Array,
  params: { fileName?: string | null; maxBytes?: number } = {},
): { bytes: Uint8Array; format: FileFormat } {
  let bytes = input;
  let format = sniffFormat(bytes.subarray(0, 4096));
  if (format === "gzip") {
    bytes = gunzipActivityFile(bytes, params);
    format = sniffFormat(bytes.subarray(0, 4096));
  }
  if (format !== "fit" && format !== "gpx" && format !== "tcx") {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `${params.fileName || "The file"} is not a FIT, GPX or TCX file${format === "zip" ? " (a zip must be unpacked first)" : ""}.`,
    );
  }
  return { bytes, format };
}

function gunzipActivityFile(bytes: Uint8Array, params: { fileName?: string | null; maxBytes?: number }): Uint8Array {
  const name = params.fileName || "The file";
  try {
    return gunzipSync(bytes, params.maxBytes ? { maxOutputLength: params.maxBytes } : {});
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" && params.maxBytes)
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        `${name} unpacks to more than the ${formatFileSize(params.maxBytes)} limit.`,
        {
          limitBytes: params.maxBytes,
        },
      );
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `${name} is a damaged gzip file: ${(error as Error).message}.`);
  }
}

/**
 * Keeps a FIT, GPX or TCX file: the bytes in the store under their hash, a row in the index.
 * A gzip wrapper is taken off first (unwrapActivityFile); anything that is not one of the three
 * formats is refused with 415.
 */
export async function saveActivityFile(
  db: Database,
  store: FileStore,
  params: SaveActivityFileParams,
): Promise<ActivityFile> {
  const { bytes, format } = unwrapActivityFile(params.bytes, params);
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
