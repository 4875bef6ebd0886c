import { ZodError } from "zod";
import type { Database } from "@/lib/db";
import { setConnectionCursor } from "@/lib/db/queries/connections";
import { upsertRecordBatch, type RecordOwner } from "@/lib/db/queries/records";
import { recordJobProgress } from "@/lib/db/queries/sync-jobs";
import type { HistoryDays } from "@/lib/providers/history-types";
import type { ProviderDefinition, TokenSet } from "@/lib/providers/types";
import { addCounts, type UpsertCounts } from "./records";
import { classifyStreamError, malformedPayloadError } from "./stream-outcome";
import { watchRefusals } from "./stream-refusal";
import type { SyncFetch, SyncStream } from "./types";

export interface StreamRun {
  db: Database;
  jobId: string;
  provider: ProviderDefinition;
  owner: RecordOwner & { connectionId: string };
  client: { fetch: SyncFetch; tokens(): TokenSet };
  jobPayload: Record<string, unknown>;
  /** How far back a provider with a history setting reaches for this connection (Garmin). */
  historyDays?: HistoryDays;
  /** Where this stream sits among the run's, for the progress bar. */
  position: { index: number; count: number };
  totals: UpsertCounts;
  onPage?: (timing: { stream: string; fetchMs: number; commitMs: number; records: number }) => void;
}

/**
 * Runs one stream page by page from its cursor. Each page's rows, its cursor and the job's
 * counts commit together. A page that fails for this stream alone (a refusal, a malformed
 * body) throws a StreamStoppedError; anything else is thrown as it came.
 */
export async function syncStream(run: StreamRun, stream: SyncStream, startCursor: string | null): Promise<void> {
  const { db, provider, owner, position } = run;
  const watched = watchRefusals(run.client.fetch);
  let cursor = startCursor;
  const fetchPage = (from: string | null) => {
    const started = performance.now();
    const context = {
      fetch: watched.fetch,
      tokens: run.client.tokens,
      externalUserId: owner.sourceId,
      now: new Date(),
      backfillDays: provider.sync!.backfillDays,
      historyDays: run.historyDays,
      jobPayload: run.jobPayload,
    };
    return stream.fetchPage(context, from).then(
      (page) => ({ page, fetchMs: performance.now() - started }),
      async (error: unknown) => {
        // Classified here, while the refusal that caused it is still this stream's latest answer.
        throw await classifyStreamError(
          error instanceof ZodError ? malformedPayloadError(provider.name, stream.key, error) : error,
          watched.latestRefusal(),
          new Date(),
        );
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
      await setConnectionCursor(tx, { connectionId: owner.connectionId, stream: stream.key, cursor: stored });
      // Progress across streams: each stream is an equal share of the bar.
      const done =
        page.progress && page.progress.total
          ? position.index + page.progress.done / page.progress.total
          : position.index + (page.nextCursor ? 0.5 : 1);
      await recordJobProgress(tx, {
        jobId: run.jobId,
        counts,
        progress: { done: Math.round((done / position.count) * 100), total: 100 },
      });
      addCounts(run.totals, counts);
    });
    const records = Object.entries(page.records).reduce(
      (sum, [table, list]) => sum + (table === "originalFiles" ? 0 : (list?.length ?? 0)),
      0,
    );
    run.onPage?.({ stream: stream.key, fetchMs, commitMs: performance.now() - commitStarted, records });
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
}
