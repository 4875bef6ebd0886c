import { z } from "zod";
import type { DataType } from "@/lib/providers/types";
import type { RecordBatch } from "@/lib/sync/records";
import type { SyncContext, SyncPage, SyncStream } from "@/lib/sync/types";
import { callbackUrlsFor } from "./callback-url";
import { takeBackfillStep } from "./backfill-step";
import { garminGet, pullUploadWindow, readSummaries } from "./sync-window";

export interface SummaryStreamSpec<T extends z.ZodType> {
  key: string;
  dataTypes: readonly DataType[];
  /** The summary type's path under /wellness-api/rest/ (and /backfill/). */
  summaryType: string;
  summary: T;
  toRecords(summaries: z.infer<T>[]): RecordBatch;
}

/** The summaries behind a run's ping callbackURLs for this type, fetched as given (their token included). */
async function fetchCallbacks(context: SyncContext, urls: string[], summaryType: string): Promise<unknown[]> {
  const summaries: unknown[] = [];
  for (const url of urls) {
    const response = await garminGet(context, url);
    // A callbackURL lives 24 hours; once it is gone the data can only come back by backfill.
    if (response.status === 410) {
      await response.body?.cancel();
      continue;
    }
    const list = await readSummaries(response, summaryType);
    summaries.push(...(Array.isArray(list) ? list : [list]));
  }
  return summaries;
}

/**
 * One summary type, the way Garmin's program works: data comes through pings, so a run queued
 * by a ping fetches exactly its callbackURLs, and history is asked of Garmin by backfill rather
 * than pulled. Each backfill window is a page of its own, so its cursor commits before the next
 * is asked for: a window is requested once, even across crashes. The run's callbackURLs are
 * fetched on the last page. Legacy OAuth 1.0a connections, which Garmin still lets pull
 * freely, keep pulling 24-hour upload windows.
 */
export function summaryStream<T extends z.ZodType>(spec: SummaryStreamSpec<T>): SyncStream {
  const list = z.array(spec.summary);
  return {
    key: spec.key,
    dataTypes: spec.dataTypes,
    async fetchPage(context, rawCursor): Promise<SyncPage> {
      const callbacks = callbackUrlsFor(context.jobPayload, spec.summaryType);
      const isLegacy = Boolean(context.tokens().tokenSecret);
      if (isLegacy && callbacks.length === 0) {
        const { summaries, ...page } = await pullUploadWindow(context, rawCursor, spec.summaryType);
        return { records: spec.toRecords(list.parse(summaries)), ...page };
      }
      let resumeCursor: string | undefined;
      if (!isLegacy) {
        const step = await takeBackfillStep(context, spec.summaryType, rawCursor);
        if (step.hasMore) return { records: {}, nextCursor: step.cursor, progress: step.progress };
        resumeCursor = step.cursor;
      }
      const records = callbacks.length
        ? spec.toRecords(list.parse(await fetchCallbacks(context, callbacks, spec.summaryType)))
        : {};
      return { records, nextCursor: null, resumeCursor, progress: { done: 1, total: 1 } };
    },
  };
}
