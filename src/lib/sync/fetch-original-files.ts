import type { Database } from "@/lib/db";
import {
  findKeptOriginal,
  holdDueFiles,
  linkOriginalFiles,
  listDueFileFetches,
  recordFileFetch,
  type FileFetchOwner,
} from "@/lib/db/queries/original-file-fetches";
import type { OriginalFileFetch } from "@/lib/db/schema";
import { AppError, hasErrorCode } from "@/lib/errors";
import { readBodyWithin } from "@/lib/files/read-limited";
import { saveActivityFile } from "@/lib/files/save";
import type { FileStore } from "@/lib/files/store";
import type { ProviderDefinition } from "@/lib/providers/types";
import type { FileDownloadContext, ProviderFiles } from "./file-types";
import { WaitUntil } from "./wait-until";

// A file that keeps failing (not a refusal: a 5xx, a broken body) is asked for this many syncs.
const MAX_ATTEMPTS = 5;
// One run fetches at most this many; the rest stay due for the next sync, so a long history
// never holds a worker for hours.
export const FILES_PER_RUN = 500;

export interface FileFetchRun {
  db: Database;
  provider: ProviderDefinition & { files: ProviderFiles };
  owner: FileFetchOwner;
  context: FileDownloadContext;
  store: FileStore;
  maxBytes: number;
  /** The real URL behind a routed one (providers/routing.ts unrouteUrl), for the provider's URL check. */
  realUrlOf(url: string): string;
}

export interface FileFetchCounts {
  stored: number;
  /** Failed this time, due again next sync. */
  failed: number;
  expired: number;
  unavailable: number;
}

type Outcome = keyof FileFetchCounts | "stopped";

const fileNameOf = (fetch: OriginalFileFetch) => {
  const safe = (part: string) => part.replace(/[^\w.-]+/g, "_");
  const leg = fetch.fileKey === fetch.format ? "" : `-${safe(fetch.fileKey)}`;
  return `${fetch.provider}-${safe(fetch.activityExternalId)}${leg}.${fetch.format}`;
};

/**
 * Fetches the connection's due original files, after the sync's records have committed: each is
 * stored (file store + activity_files) and tied to its activity if that is known yet. A failed
 * file never fails the sync: it stays due and is asked for again next time, up to MAX_ATTEMPTS.
 * Only a wait for the provider's rate limit (WaitUntil) or a refused token stops the run, as for
 * any request of the sync; an unreachable provider ends this pass quietly.
 */
export async function fetchOriginalFiles(run: FileFetchRun): Promise<FileFetchCounts> {
  const counts: FileFetchCounts = { stored: 0, failed: 0, expired: 0, unavailable: 0 };
  const withheld = run.provider.files.withheld?.(run.context);
  await holdDueFiles(run.db, { connectionId: run.owner.connectionId, message: withheld });
  if (withheld !== undefined) return counts;
  const due = await listDueFileFetches(run.db, { connectionId: run.owner.connectionId, limit: FILES_PER_RUN });
  for (const fetch of due) {
    const outcome = await fetchOne(run, fetch);
    if (outcome === "stopped") break;
    counts[outcome]++;
  }
  return counts;
}

async function fetchOne(run: FileFetchRun, fetch: OriginalFileFetch): Promise<Outcome> {
  const { db, provider } = run;
  const url = run.realUrlOf(fetch.url);
  if (!provider.files.isAllowedUrl(url)) {
    await recordFileFetch(db, {
      fetchId: fetch.id,
      state: "unavailable",
      message: `The file's address is not one of ${provider.name}'s, so it was not fetched.`,
    });
    return "unavailable";
  }
  // Kept already (its tracking row lost with an earlier connection of the same account): tie it, fetch nothing.
  const kept = await findKeptOriginal(db, {
    userId: run.owner.userId,
    source: provider.slug,
    fileName: fileNameOf(fetch),
  });
  if (kept) {
    await db.transaction(async (tx) => {
      await recordFileFetch(tx, { fetchId: fetch.id, state: "stored", fileId: kept.id });
      await linkOriginalFiles(tx, { ...run.owner, externalIds: [fetch.activityExternalId] });
    });
    return "stored";
  }
  let response: Response;
  try {
    response = await provider.files.download(run.context, { url, format: fetch.format });
  } catch (error) {
    if (error instanceof WaitUntil || hasErrorCode(error, "PROVIDER_AUTH_EXPIRED")) throw error;
    // Still limited after every wait the fetch allows: the next sync asks again, no attempt spent.
    if (hasErrorCode(error, "RATE_LIMITED")) return "stopped";
    // Unreachable, or 5xx after the fetch's retries: the rest would fare the same.
    await recordFailure(db, fetch, error instanceof Error ? error.message : String(error));
    return "stopped";
  }
  if (response.status === 410) {
    await response.body?.cancel();
    await recordFileFetch(db, {
      fetchId: fetch.id,
      state: "expired",
      message: `${provider.name}'s download link had expired; the file comes with its next notification for this activity.`,
    });
    return "expired";
  }
  if (response.status === 404) {
    await response.body?.cancel();
    await recordFileFetch(db, {
      fetchId: fetch.id,
      state: "unavailable",
      message: `${provider.name} has no file for this activity (HTTP 404).`,
    });
    return "unavailable";
  }
  if (!response.ok) {
    await response.body?.cancel();
    return recordFailure(db, fetch, `${provider.name} answered HTTP ${response.status}.`);
  }
  return storeFile(run, fetch, response);
}

async function storeFile(run: FileFetchRun, fetch: OriginalFileFetch, response: Response): Promise<Outcome> {
  const { db, owner } = run;
  try {
    const bytes = await readBodyWithin(response, run.maxBytes);
    await db.transaction(async (tx) => {
      const file = await saveActivityFile(tx, run.store, {
        userId: owner.userId,
        bytes,
        origin: "provider",
        source: owner.provider,
        fileName: fileNameOf(fetch),
        maxBytes: run.maxBytes,
      });
      await recordFileFetch(tx, { fetchId: fetch.id, state: "stored", fileId: file.id });
      // Its activity may be here already; if not, writing it ties the file (upsertRecordBatch).
      await linkOriginalFiles(tx, { ...owner, externalIds: [fetch.activityExternalId] });
    });
    return "stored";
  } catch (error) {
    // Too large, or not a FIT/GPX/TCX file: asking again gets the same bytes.
    if (hasErrorCode(error, "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE")) {
      await recordFileFetch(db, { fetchId: fetch.id, state: "unavailable", message: error.message });
      return "unavailable";
    }
    const message = error instanceof AppError ? error.message : `The file could not be kept: ${String(error)}`;
    return recordFailure(db, fetch, message);
  }
}

async function recordFailure(db: Database, fetch: OriginalFileFetch, message: string): Promise<Outcome> {
  const isGivenUp = fetch.attempts + 1 >= MAX_ATTEMPTS;
  await recordFileFetch(db, {
    fetchId: fetch.id,
    state: isGivenUp ? "unavailable" : "pending",
    message: isGivenUp ? `Gave up after ${MAX_ATTEMPTS} attempts: ${message}` : message,
    isFailure: true,
  });
  return isGivenUp ? "unavailable" : "failed";
}
