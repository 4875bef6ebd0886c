import type { Database } from "@/lib/db";
import { claimLogEntry, setLogUploadId, writeLogEntry } from "@/lib/db/queries/forwarding-log";
import type { ForwardingDecision } from "@/lib/db/schema";
import { AppError, hasErrorCode } from "@/lib/errors";
import type { FileStore } from "@/lib/files";
import { buildActivityFile, loadActivityFileInput } from "@/lib/files/build";
import type { FileFormat } from "@/lib/files/types";
import { openDestination } from "./destination";
import type { ForwardingPlan, PlanItem } from "./plan";
import type { ProviderUploads, UploadContext, UploadStatus } from "./types";

export const MAX_UPLOAD_ATTEMPTS = 8;
const MAX_POLLS = 15;

/** 5 minutes, doubling, at most a day; none after the last attempt. */
export function nextAttemptAfter(attempts: number, now = Date.now()): Date | null {
  if (attempts >= MAX_UPLOAD_ATTEMPTS) return null;
  return new Date(now + Math.min(24 * 60 * 60_000, 5 * 60_000 * 2 ** (attempts - 1)));
}

// Errors another attempt cannot fix: the provider refused the file or the request. An expired
// grant is not among them: once the person reconnects, the backoff's next try goes through (the
// plan sends nothing while the destination needs reconnecting).
const isPermanent = (error: unknown) => hasErrorCode(error, "PROVIDER_REFUSED", "FORBIDDEN");

export type RunOutcome = ForwardingDecision | "not_run" | "taken_by_another_run";
export interface RunItem extends PlanItem {
  outcome: RunOutcome;
  message?: string;
}

export interface ExecuteOptions {
  store: FileStore;
  appUrl?: string;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (done: number, total: number) => Promise<void>;
  /** The 'forward' job this run is, named on every log entry it writes. */
  jobId?: string;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readAll(store: FileStore, userId: string, sha256: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.read(userId, sha256)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The file a plan item sends: its kept original, or a FIT built now from the activity's summary and samples. */
async function fileOf(
  db: Database,
  item: PlanItem,
  send: { store: FileStore; userId: string },
): Promise<{ bytes: Uint8Array; format: FileFormat; fileName: string }> {
  if (item.file)
    return {
      bytes: await readAll(send.store, send.userId, item.file.contentHash),
      format: item.file.format,
      fileName: item.file.fileName ?? `${item.sourceActivityId}.${item.file.format}`,
    };
  if (!item.generatedFile) throw new AppError("INVALID_INPUT", "The plan names no file to send.");
  const input = await loadActivityFileInput(db, { userId: send.userId, activityId: item.sourceActivityId });
  if (!input) throw new AppError("NOT_FOUND", "The source activity is gone.");
  return { bytes: buildActivityFile(input, "fit"), format: "fit", fileName: item.generatedFile.fileName };
}

/**
 * Runs a plan exactly: items a dry run said need nothing get nothing, the others are uploaded,
 * replaced, skipped or polled. An upload's pending log entry is written before the file is sent
 * and keeps the upload id as soon as the provider names it, so a crash anywhere leaves an entry
 * the next run polls or retries (the provider dedupes a resend by our external id) rather than a
 * second copy.
 */
export async function executeForwarding(
  db: Database,
  plan: ForwardingPlan,
  options: ExecuteOptions,
): Promise<RunItem[]> {
  const sleep = options.sleep ?? realSleep;
  const needsDestination = plan.items.some((item) => ["upload", "replace", "poll"].includes(item.action));
  const destination = needsDestination
    ? await openDestination(db, {
        userId: plan.userId,
        connectionId: plan.destinationConnectionId,
        appUrl: options.appUrl,
        sleep,
      })
    : undefined;
  const pair = (item: PlanItem) => ({
    userId: plan.userId,
    ruleId: plan.ruleId,
    sourceActivityId: item.sourceActivityId,
    destinationConnectionId: plan.destinationConnectionId,
    jobId: options.jobId ?? null,
  });
  const results: RunItem[] = [];

  for (const [index, item] of plan.items.entries()) {
    switch (item.action) {
      case "skip_existing": {
        await writeLogEntry(db, {
          ...pair(item),
          decision: "skipped_existing",
          matchedActivityId: item.match?.activityId,
          matchedExternalId: item.match?.externalId,
          message: item.reason,
        });
        results.push({ ...item, outcome: "skipped_existing" });
        break;
      }
      case "upload":
      case "replace":
      case "poll": {
        results.push(
          await sendOne(db, item, {
            ...destination!,
            store: options.store,
            sleep,
            pair: pair(item),
            userId: plan.userId,
          }),
        );
        break;
      }
      case "already_done":
      case "waiting_retry":
      case "gave_up":
      case "no_file":
      case "cannot_upload":
        results.push({ ...item, outcome: "not_run" });
        break;
      default: {
        const unknown: never = item.action;
        throw new Error(`Unknown plan action ${String(unknown)}`);
      }
    }
    await options.onProgress?.(index + 1, plan.items.length);
  }
  return results;
}

interface SendContext {
  uploads: ProviderUploads;
  context: UploadContext;
  store: FileStore;
  sleep: (ms: number) => Promise<void>;
  userId: string;
  pair: Parameters<typeof writeLogEntry>[1] extends infer P ? Omit<P & object, "decision"> : never;
}

async function sendOne(db: Database, item: PlanItem, send: SendContext): Promise<RunItem> {
  let attempts = (item.seen?.attempts ?? 0) + 1;
  let uploadId = item.uploadId;
  const success: ForwardingDecision = item.action === "replace" ? "replaced" : "uploaded";
  try {
    if (item.action !== "poll") {
      const claimed = await claimLogEntry(db, { ...send.pair, seen: item.seen ?? null });
      if (!claimed) return { ...item, outcome: "taken_by_another_run" };
      attempts = claimed.attempts;
      // The file first: a copy is deleted only once there is something to put in its place.
      const file = await fileOf(db, item, send);
      if (item.action === "replace") await send.uploads.deleteActivity!(send.context, item.match!.externalId);
      const sent = await send.uploads.upload(send.context, {
        ...file,
        externalId: `qt-${item.sourceActivityId}`,
        name: item.name ?? undefined,
      });
      uploadId = sent.uploadId;
      await setLogUploadId(db, { entryId: claimed.id, uploadId });
      return settle(db, item, send, { uploadId, status: sent.status, success });
    }
    return settle(db, item, send, {
      uploadId: uploadId!,
      status: await send.uploads.poll(send.context, uploadId!),
      success,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const nextAttemptAt = isPermanent(error) ? null : nextAttemptAfter(attempts);
    await writeLogEntry(db, { ...send.pair, decision: "failed", uploadId: uploadId ?? null, message, nextAttemptAt });
    return { ...item, outcome: "failed", message };
  }
}

/** Polls until the provider is done with the upload, then records how it ended. */
async function settle(
  db: Database,
  item: PlanItem,
  send: SendContext,
  params: { uploadId: string; status: UploadStatus; success: ForwardingDecision },
): Promise<RunItem> {
  let status = params.status;
  for (let polls = 0; status.state === "processing" && polls < MAX_POLLS; polls++) {
    await send.sleep(send.uploads.pollIntervalMs);
    status = await send.uploads.poll(send.context, params.uploadId);
  }
  const base = { ...send.pair, uploadId: params.uploadId };
  switch (status.state) {
    case "processing":
      // Left pending with its upload id: the next run asks again instead of sending it again.
      await writeLogEntry(db, { ...base, decision: "pending", message: "Still processing at the destination." });
      return { ...item, uploadId: params.uploadId, outcome: "pending" };
    case "done":
      await writeLogEntry(db, { ...base, decision: params.success, matchedExternalId: status.activityExternalId });
      return { ...item, uploadId: params.uploadId, outcome: params.success };
    case "duplicate":
      await writeLogEntry(db, {
        ...base,
        decision: "skipped_existing",
        matchedExternalId: status.activityExternalId,
        message: status.message,
      });
      return { ...item, uploadId: params.uploadId, outcome: "skipped_existing", message: status.message };
    case "error":
      await writeLogEntry(db, { ...base, decision: "failed", message: status.message, nextAttemptAt: null });
      return { ...item, uploadId: params.uploadId, outcome: "failed", message: status.message };
    default: {
      const unknown: never = status;
      throw new Error(`Unknown upload state ${JSON.stringify(unknown)}`);
    }
  }
}
