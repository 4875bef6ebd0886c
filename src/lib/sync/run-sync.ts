import { ZodError } from "zod";
import type { Database } from "@/lib/db";
import { getConnectionOrThrow, markConnectionSynced, setConnectionCursor, setConnectionStatus } from "@/lib/db/queries/connections";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { getSyncJob, markJobWaiting, recordJobProgress } from "@/lib/db/queries/sync-jobs";
import type { SyncJob } from "@/lib/db/schema";
import { openTokens } from "@/lib/connections/credentials";
import { historyDaysOf } from "@/lib/connections/history-days";
import { getProviderOrThrow } from "@/lib/providers";
import { addCounts, emptyCounts, type UpsertCounts } from "./records";
import { streamsToRun } from "./stream-selection";
import { createSyncFetch } from "./sync-fetch";

/** A page's payload did not have the shape the provider documents. Retrying will not help. */
export class MalformedPayloadError extends Error {
  constructor(provider: string, stream: string, error: ZodError) {
    const issue = error.issues[0]!;
    super(`${provider} sent malformed ${stream} data: ${issue.path.join(".") || "(body)"}: ${issue.message}`);
    this.name = "MalformedPayloadError";
  }
}

const MAX_ROUNDS = 3;

export interface SyncRunOptions {
  appUrl?: string;
  sleep?: (ms: number) => Promise<void>;
  /** Per-page timings, for benchmarks and logs: fetching (HTTP + parsing) versus committing. */
  onPage?: (timing: { stream: string; fetchMs: number; commitMs: number; records: number }) => void;
}

/**
 * Runs one sync job for one connection: every stream (or those a push named), page by page,
 * from its stored cursor. Each page's rows, its cursor and the job's counts commit together,
 * so a crash resumes from the last committed page and a re-run writes no duplicates.
 */
export async function runConnectionSync(db: Database, job: SyncJob, options: SyncRunOptions = {}): Promise<UpsertCounts> {
  const connection = await getConnectionOrThrow(db, { userId: job.userId, connectionId: job.connectionId! });
  const provider = getProviderOrThrow(connection.provider);
  const totals = emptyCounts();
  if (!provider.sync) return totals;

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
  const historyDays = provider.history ? historyDaysOf(connection, provider.history) : undefined;
  const owner = { userId: connection.userId, connectionId: connection.id, provider: provider.slug, sourceId: connection.externalUserId };
  let payload = job.payload;
  let hasRunEveryStream = false;

  // A push that arrives while this job runs joins it by adding to its payload (Garmin's
  // callback URLs, streams it names); one more round picks that up, so nothing it named is
  // left unfetched.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { cursors } = await getConnectionOrThrow(db, { userId: job.userId, connectionId: connection.id });
    const streams = streamsToRun(provider.sync.streams, payload);
    const streamCount = streams.length;
    hasRunEveryStream ||= streamCount === provider.sync.streams.length;
    for (const [index, stream] of streams.entries()) {
      let cursor: string | null = cursors[stream.key] ?? null;
      const fetchPage = (from: string | null) => {
        const started = performance.now();
        const context = { fetch: client.fetch, tokens: client.tokens, externalUserId: connection.externalUserId, now: new Date(), backfillDays: provider.sync!.backfillDays, historyDays, jobPayload: payload };
        return stream.fetchPage(context, from).then(
          (page) => ({ page, fetchMs: performance.now() - started }),
          (error: unknown) => {
            throw error instanceof ZodError ? new MalformedPayloadError(provider.name, stream.key, error) : error;
          },
        );
      };
      let pending = fetchPage(cursor);
      for (;;) {
        const { page, fetchMs } = await pending;
        // The next page is already on its way while this one commits: HTTP and the database
        // overlap. A failed commit stops the loop before that page is used.
        if (page.nextCursor !== null) {
          pending = fetchPage(page.nextCursor);
          pending.catch(() => undefined);
        }
        const stored = page.nextCursor ?? page.resumeCursor ?? cursor;
        const commitStarted = performance.now();
        await db.transaction(async (tx) => {
          const counts = await upsertRecordBatch(tx, owner, page.records);
          await setConnectionCursor(tx, { connectionId: connection.id, stream: stream.key, cursor: stored });
          // Progress across streams: each stream is an equal share of the bar.
          const done = page.progress && page.progress.total ? index + page.progress.done / page.progress.total : index + (page.nextCursor ? 0.5 : 1);
          await recordJobProgress(tx, { jobId: job.id, counts, progress: { done: Math.round((done / streamCount) * 100), total: 100 } });
          addCounts(totals, counts);
        });
        const records = Object.values(page.records).reduce((sum, list) => sum + (list?.length ?? 0), 0);
        options.onPage?.({ stream: stream.key, fetchMs, commitMs: performance.now() - commitStarted, records });
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
    }
    const latest = await getSyncJob(db, { jobId: job.id });
    if (!latest || JSON.stringify(latest.payload) === JSON.stringify(payload)) break;
    payload = latest.payload;
  }
  // "Last synced" is the last run of every stream: the scheduled sync, which is due by it, stays
  // the safety net for whatever pushes did not name, however often they come.
  if (hasRunEveryStream) await markConnectionSynced(db, { connectionId: connection.id });
  else await setConnectionStatus(db, { connectionId: connection.id, status: "active" });
  return totals;
}
