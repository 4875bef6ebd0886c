import type { Database } from "@/lib/db";
import {
  getConnectionOrThrow,
  markConnectionSynced,
  recordStreamStatuses,
  setConnectionStatus,
} from "@/lib/db/queries/connections";
import { getSyncJob, markJobWaiting, recordJobStreams } from "@/lib/db/queries/sync-jobs";
import type { ProviderConnection, StreamStatuses, SyncJob } from "@/lib/db/schema";
import { openTokens } from "@/lib/connections/credentials";
import { historyDaysOf } from "@/lib/connections/history-days";
import { getFileStore, maxFileBytes, type FileStore } from "@/lib/files";
import { getSourceOrThrow, historyOf, isCredentialSource } from "@/lib/providers/sources";
import { fetchConnectionFiles } from "./connection-files";
import { emptyCounts, type UpsertCounts } from "./records";
import { judgeRun, streamsFailedError, StreamStoppedError, type RunVerdict } from "./stream-outcome";
import { streamsToRun } from "./stream-selection";
import { createSyncFetch } from "./sync-fetch";
import { syncStream, type StreamRun } from "./sync-stream";
import { WaitUntil } from "./wait-until";

const MAX_ROUNDS = 3;

export interface SyncRunOptions {
  appUrl?: string;
  sleep?: (ms: number) => Promise<void>;
  /** Per-page timings, for benchmarks and logs: fetching (HTTP + parsing) versus committing. */
  onPage?: StreamRun["onPage"];
  /** Where fetched original files go; the app's file store (QT_FILES_DIR) unless given. */
  fileStore?: FileStore;
  /** The largest original file kept; QT_FILE_MAX_MB unless given. */
  maxFileBytes?: number;
}

export interface SyncRunResult {
  counts: UpsertCounts;
  /** partial: some streams were refused or unreadable; the others synced. */
  status: "succeeded" | "partial";
  error: string | null;
}

/** Keeps how this run's streams ended, on the job and (what later syncs act on) the connection. */
async function recordStreams(
  db: Database,
  job: SyncJob,
  connection: ProviderConnection,
  ended: StreamStatuses,
): Promise<RunVerdict> {
  const verdict = judgeRun(ended, connection.streamStatus);
  await recordJobStreams(db, { jobId: job.id, statuses: ended });
  await recordStreamStatuses(db, { connectionId: connection.id, statuses: verdict.remembered });
  return verdict;
}

/**
 * Runs one sync job for one connection: every stream (or those a push named), page by page,
 * from its stored cursor. Each page's rows, its cursor and the job's counts commit together,
 * so a crash resumes from the last committed page and a re-run writes no duplicates. A stream
 * refused for good stops alone (sync-stream.ts) and is skipped by later runs until the person
 * asks for it again; an expired grant, a rate limit or an unreachable provider stops the run.
 */
export async function runConnectionSync(
  db: Database,
  job: SyncJob,
  options: SyncRunOptions = {},
): Promise<SyncRunResult> {
  const connection = await getConnectionOrThrow(db, { userId: job.userId, connectionId: job.connectionId! });
  const provider = getSourceOrThrow(connection.provider);
  const history = historyOf(provider);
  const totals = emptyCounts();
  if (!provider.sync) return { counts: totals, status: "succeeded", error: null };
  // The person's stop switch: a job queued before it was thrown ends here, having asked nothing.
  if (connection.syncStoppedAt) return { counts: totals, status: "succeeded", error: null };
  // Paused after a 429 (hard backoff): the job waits for the end of the pause instead of asking again.
  if (connection.pausedUntil && connection.pausedUntil.getTime() > Date.now())
    throw new WaitUntil(connection.pausedUntil, `${provider.slug}:${connection.id}`);

  await setConnectionStatus(db, { connectionId: connection.id, status: "syncing" });
  const client = createSyncFetch({
    db,
    provider,
    connection,
    tokens: openTokens(connection),
    appUrl: options.appUrl,
    sleep: options.sleep,
    onWait: (until) => markJobWaiting(db, { jobId: job.id, until }),
  });
  const owner = {
    userId: connection.userId,
    connectionId: connection.id,
    provider: provider.slug,
    sourceId: connection.externalUserId,
  };
  const refused = new Set(
    Object.entries(connection.streamStatus).flatMap(([key, status]) => (status.state === "refused" ? [key] : [])),
  );
  const ended: StreamStatuses = {};
  let payload = job.payload;
  let hasRunEveryStream = false;

  try {
    // A push that arrives while this job runs joins it by adding to its payload (Garmin's
    // callback URLs, streams it names); one more round picks that up, so nothing it named is
    // left unfetched.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = await getConnectionOrThrow(db, { userId: job.userId, connectionId: connection.id });
      const { cursors } = current;
      // Read each round: a longer history chosen while this job runs joins it and is asked for in the next round.
      const historyDays = history ? historyDaysOf(current, history) : undefined;
      const selected = streamsToRun(provider.sync.streams, payload);
      hasRunEveryStream ||= selected.length === provider.sync.streams.length;
      const streams = selected.filter((stream) => !refused.has(stream.key));
      for (const key of selected.map((stream) => stream.key).filter((key) => refused.has(key))) {
        ended[key] = { state: "skipped", message: connection.streamStatus[key]!.message, at: new Date().toISOString() };
      }
      const run: Omit<StreamRun, "position"> = {
        db,
        jobId: job.id,
        provider,
        owner,
        client,
        jobPayload: payload,
        historyDays,
        totals,
        onPage: options.onPage,
      };
      for (const [index, stream] of streams.entries()) {
        try {
          await syncStream({ ...run, position: { index, count: streams.length } }, stream, cursors[stream.key] ?? null);
          ended[stream.key] = { state: "ok", at: new Date().toISOString() };
        } catch (error) {
          if (!(error instanceof StreamStoppedError)) throw error;
          ended[stream.key] = error.status;
        }
      }
      const latest = await getSyncJob(db, { jobId: job.id });
      if (!latest || JSON.stringify(latest.payload) === JSON.stringify(payload)) break;
      payload = latest.payload;
    }
    // After every page has committed: a file that cannot be had never undoes a record.
    // Password-linked accounts fetch their files in a stream of their own.
    if (!isCredentialSource(provider))
      await fetchConnectionFiles({
        db,
        provider,
        owner,
        client,
        jobPayload: payload,
        appUrl: options.appUrl,
        store: options.fileStore ?? getFileStore(),
        maxBytes: options.maxFileBytes ?? maxFileBytes(),
      });
  } catch (error) {
    // What ended before the run stopped still counts: a refusal is not asked again on the retry.
    await recordStreams(db, job, connection, ended).catch(() => undefined);
    throw error;
  }
  const verdict = await recordStreams(db, job, connection, ended);
  if (verdict.status === "failed") throw streamsFailedError(verdict.error ?? "No stream could be synced.");
  // "Last synced" is the last run of every stream (skipped ones included): the scheduled sync,
  // which is due by it, stays the safety net for whatever pushes did not name, however often they come.
  if (hasRunEveryStream) await markConnectionSynced(db, { connectionId: connection.id });
  else await setConnectionStatus(db, { connectionId: connection.id, status: "active" });
  return { counts: totals, status: verdict.status, error: verdict.error };
}
