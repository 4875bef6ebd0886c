import { createHash, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { activitySource } from "@/lib/activity/source";
import type { Database } from "@/lib/db/client";
import { findActivityForUser } from "@/lib/db/queries/activity-detail";
import { findActivityFileByHash } from "@/lib/db/queries/activity-files";
import { findActivityByExternalId, type ActivityMatch } from "@/lib/db/queries/activity-matches";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { redactDatabaseError } from "@/lib/db/redact-error";
import type { ActivityFile } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { implausibleRow, timeWindow } from "@/lib/sync/plausibility";
import type { ActivityRecord } from "@/lib/sync/records";
import { parseActivityFile } from "../parse";
import { saveActivityFile, unwrapActivityFile } from "../save";
import type { FileStore } from "../store";
import type { ParsedActivityFile } from "../types";
import { activityRecordFromFile } from "./activity-record";
import { findDuplicateActivity } from "./duplicate-rule";
import type { FileUploadResult } from "./types";
import { UPLOAD_PROVIDER } from "./upload-source";

// pg_advisory_xact_lock(class, key): one upload at a time per user decides "new or duplicate",
// so a FIT and a GPX of one run sent together cannot both become new activities.
const UPLOAD_LOCK_CLASS = 1_404_001;

export interface UploadFileParams {
  userId: string;
  bytes: Uint8Array;
  /** The client's name for the file: shown back, never used as a path. */
  fileName: string | null;
  maxBytes: number;
}

/** A file read and checked, not yet kept. */
interface ReadFile {
  sha256: string;
  /** Unwrapped (no gzip): what the store keeps and the hash names. */
  bytes: Uint8Array;
  parsed: ParsedActivityFile;
  record: ActivityRecord;
}

/**
 * One uploaded FIT, GPX or TCX file: read, kept, and either made a new activity (source
 * "upload"), linked to the activity it duplicates, or recognised as sent before. A file that
 * cannot be read is reported with the reason and not kept. Never throws: every outcome,
 * failures included, is this file's result, so one bad file never fails the others.
 */
export async function uploadActivityFile(
  db: Database,
  store: FileStore,
  params: UploadFileParams,
): Promise<FileUploadResult> {
  const { fileName } = params;
  let file: ReadFile;
  try {
    file = readFile(params);
  } catch (error) {
    return failure(fileName, error);
  }
  try {
    return await db.transaction((tx) => keepUpload(tx, store, params, file));
  } catch (error) {
    await forgetUnindexedBytes(db, store, params.userId, file.sha256).catch(() => undefined);
    return failure(fileName, error);
  }
}

function readFile(params: UploadFileParams): ReadFile {
  const { bytes, format } = unwrapActivityFile(params.bytes, params);
  const parsed = parseActivityFile(bytes, format);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const record = activityRecordFromFile(parsed, { sha256, fileName: params.fileName });
  const implausible = implausibleRow(record, timeWindow());
  if (implausible) throw new AppError("INVALID_INPUT", `The activity in this file cannot be kept: ${implausible}.`);
  return { sha256, bytes, parsed, record };
}

async function keepUpload(
  tx: Database,
  store: FileStore,
  params: UploadFileParams,
  file: ReadFile,
): Promise<FileUploadResult> {
  const { userId } = params;
  await lockUploads(tx, userId);
  const keep = (activityId: string) =>
    saveActivityFile(tx, store, {
      userId,
      bytes: file.bytes,
      origin: "upload",
      source: UPLOAD_PROVIDER,
      fileName: params.fileName,
      activityId,
      startAt: file.parsed.startAt,
      maxBytes: params.maxBytes,
    });
  const reply = async (status: "created" | "duplicate" | "already_uploaded", activity: ActivityMatch) =>
    success(params.fileName, status, activity, await keep(activity.id), file.parsed.warnings);

  const known = await findActivityFileByHash(tx, { userId, contentHash: file.sha256 });
  const knownActivity = known?.activityId
    ? await findActivityForUser(tx, { userId, activityId: known.activityId })
    : undefined;
  if (knownActivity) return success(params.fileName, "already_uploaded", knownActivity, known!, file.parsed.warnings);

  const uploaded = await findActivityByExternalId(tx, { userId, provider: UPLOAD_PROVIDER, externalId: file.sha256 });
  if (uploaded) return reply("already_uploaded", uploaded);

  const duplicate = await findDuplicateActivity(tx, { userId, type: file.parsed.type, startAt: file.parsed.startAt });
  if (duplicate) return reply("duplicate", duplicate);

  const counts = await upsertRecordBatch(
    tx,
    { userId, connectionId: null, provider: UPLOAD_PROVIDER, sourceId: "" },
    { activities: [file.record] },
  );
  const created = await findActivityByExternalId(tx, { userId, provider: UPLOAD_PROVIDER, externalId: file.sha256 });
  if (!created || counts.rejected > 0)
    throw new AppError("INVALID_INPUT", "The activity in this file did not pass the plausibility checks.");
  return reply("created", created);
}

const lockUploads = (tx: Database, userId: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(${UPLOAD_LOCK_CLASS}::int, hashtext(${userId}))`);

/**
 * After a failed upload, the bytes it put in the store are deleted unless an index row (this
 * user's, as the store is per user) still names them. Under the upload lock, so a concurrent
 * upload of the same bytes, between its put and its commit, keeps them.
 */
async function forgetUnindexedBytes(db: Database, store: FileStore, userId: string, sha256: string) {
  await db.transaction(async (tx) => {
    await lockUploads(tx, userId);
    if (!(await findActivityFileByHash(tx, { userId, contentHash: sha256 }))) await store.delete(userId, sha256);
  });
}

function success(
  fileName: string | null,
  status: "created" | "duplicate" | "already_uploaded",
  activity: Pick<ActivityMatch, "id" | "provider" | "externalId" | "type" | "name" | "startAt">,
  file: ActivityFile,
  warnings: string[],
): FileUploadResult {
  return {
    fileName,
    status,
    activity: {
      id: activity.id,
      provider: activity.provider,
      source: activitySource(activity.provider, activity.externalId).name,
      type: activity.type,
      name: activity.name,
      startAt: activity.startAt.toISOString(),
    },
    file: { id: file.id, format: file.format, sizeBytes: file.sizeBytes, sha256: file.contentHash },
    warnings,
  };
}

/** A file's failure as its result: our AppErrors say what is wrong; anything else is logged, not shown. */
export function failure(fileName: string | null, error: unknown): FileUploadResult {
  if (error instanceof AppError)
    return { fileName, status: "failed", error: { code: error.code, status: error.status, message: error.message } };
  const requestId = randomUUID();
  console.error(`[upload ${requestId}]`, redactDatabaseError(error));
  return {
    fileName,
    status: "failed",
    error: { code: "INTERNAL", status: 500, message: `Something went wrong on our side (request ${requestId}).` },
  };
}
