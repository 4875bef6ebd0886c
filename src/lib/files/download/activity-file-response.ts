import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { z } from "zod";
import { readActivityOriginals } from "@/lib/activity/original-track";
import type { Database } from "@/lib/db/client";
import { findActivityForUser, type ActivityDetailRow } from "@/lib/db/queries/activity-detail";
import { listActivityFiles } from "@/lib/db/queries/activity-files";
import type { ActivityFile, User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { answerRange, rangeResponseInit } from "@/lib/http/byte-range";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { localDate } from "@/lib/time-zone";
import { buildActivityFile, canBuildActivityFile, loadActivitySamples, type GeneratedFormat } from "../build";
import { activityLocalDate, exportPath } from "../export-layout";
import type { FileStore } from "../store";
import { CONTENT_TYPES, isNotModified, strongEtag } from "./file-meta";

export const activityFileParamsSchema = z.object({ id: z.guid({ message: "must be an activity id (UUID)" }) });

export const activityFileQuerySchema = z
  .object({
    format: z.enum(["fit", "gpx"], { message: "must be fit or gpx" }).optional(),
    fileId: z.guid({ message: "must be a file id (UUID)" }).optional(),
  })
  .refine((query) => !(query.format && query.fileId), {
    message: "ask for a generated format or a kept file, not both",
    path: ["format"],
  });
export type ActivityFileQuery = z.infer<typeof activityFileQuerySchema>;

/** The file's name as a browser saves it, on the export's rule: `2026-11-20-morning-run.fit`. */
function downloadName(activity: ActivityDetailRow, user: User, extension: string, isGenerated: boolean): string {
  const date = activityLocalDate(activity.startAt, activity.utcOffsetSeconds, (at) => localDate(at, user.timeZone));
  const path = exportPath(
    { type: activity.type, localDate: date, name: activity.name, extension, isGenerated },
    new Set(),
  );
  return path.slice(path.indexOf("/") + 1);
}

function fileHeaders(params: { etag: string; format: keyof typeof CONTENT_TYPES; fileName: string }) {
  return {
    etag: params.etag,
    "content-type": CONTENT_TYPES[params.format],
    "content-disposition": attachmentDisposition(params.fileName),
    // no-transform: a compressing proxy (or Next's own gzip) must not change bytes a Range counts.
    "cache-control": "private, no-cache, no-transform",
    "x-content-type-options": "nosniff",
  };
}

async function respondWithOriginal(
  store: FileStore,
  params: { file: ActivityFile; sizeBytes: number; fileName: string; request: Request },
): Promise<Response> {
  const { file, sizeBytes, request } = params;
  const etag = strongEtag(file.contentHash);
  const headers = fileHeaders({ etag, format: file.format, fileName: params.fileName });
  if (isNotModified(request.headers, etag)) return new Response(null, { status: 304, headers });
  const answer = answerRange(request.headers, { size: sizeBytes, etag });
  const init = rangeResponseInit(answer, sizeBytes);
  for (const [name, value] of Object.entries(headers)) init.headers.set(name, value);
  if (answer.kind === "unsatisfiable" || sizeBytes === 0) return new Response(null, init);
  const range = answer.kind === "partial" ? { start: answer.start, end: answer.end } : undefined;
  const body = await store.read(file.userId, file.contentHash, range);
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, init);
}

function respondWithBytes(
  bytes: Uint8Array,
  params: { format: GeneratedFormat; fileName: string; request: Request },
): Response {
  const etag = strongEtag(createHash("sha256").update(bytes).digest("hex"));
  const headers = { ...fileHeaders({ etag, format: params.format, fileName: params.fileName }), "x-qt-generated": "1" };
  if (isNotModified(params.request.headers, etag)) return new Response(null, { status: 304, headers });
  const answer = answerRange(params.request.headers, { size: bytes.byteLength, etag });
  const init = rangeResponseInit(answer, bytes.byteLength);
  for (const [name, value] of Object.entries(headers)) init.headers.set(name, value);
  if (answer.kind === "unsatisfiable") return new Response(null, init);
  const slice = answer.kind === "partial" ? bytes.subarray(answer.start, answer.end + 1) : bytes;
  return new Response(slice as Uint8Array<ArrayBuffer>, init);
}

/**
 * One activity's file for its owner: the newest kept original (or the one `fileId` names),
 * else, or when a `format` is asked for, a FIT or GPX built from the richest readable original's
 * points, or from the stored summary, samples and route when none can be read. Someone
 * else's activity or file is a 404, exactly like one that does not exist.
 */
export async function respondWithActivityFile(
  db: Database,
  store: FileStore,
  params: { user: User; activityId: string; query: ActivityFileQuery; request: Request },
): Promise<Response> {
  const { user, query, request } = params;
  const activity = await findActivityForUser(db, { userId: user.id, activityId: params.activityId });
  if (!activity) throw new AppError("NOT_FOUND", "There is no such activity.");

  const files = await listActivityFiles(db, { userId: user.id, activityId: activity.id });
  if (!query.format) {
    const file = query.fileId ? files.find((candidate) => candidate.id === query.fileId) : files.at(-1);
    if (query.fileId && !file) throw new AppError("NOT_FOUND", "This activity has no such file.");
    const sizeBytes = file ? await store.size(user.id, file.contentHash) : null;
    if (file && sizeBytes !== null) {
      const fileName = downloadName(activity, user, file.format, false);
      return respondWithOriginal(store, { file, sizeBytes, fileName, request });
    }
    if (query.fileId) throw new AppError("NOT_FOUND", "That file is no longer in the file store.");
  }

  // No original kept (or its bytes gone): a FIT can always be built from what is stored. With a
  // readable original, the generated file converts its points rather than the summary.
  const format = query.format ?? "fit";
  const [samples, originals] = await Promise.all([
    loadActivitySamples(db, { userId: user.id, activity }),
    files.length > 0 ? readActivityOriginals(db, store, { userId: user.id, activityId: activity.id }) : null,
  ]);
  const input = { activity, samples, track: originals?.track?.parsed.points };
  if (!canBuildActivityFile(input, format)) {
    throw new AppError(
      "INVALID_INPUT",
      "This activity has no route, so there is no GPX for it; download the FIT instead.",
    );
  }
  const bytes = buildActivityFile(input, format);
  return respondWithBytes(bytes, { format, fileName: downloadName(activity, user, format, true), request });
}
