import { z } from "zod";
import type { DataType } from "@/lib/providers/types";
import type { RecordBatch } from "@/lib/sync/records";
import type { SyncContext, SyncPage, SyncStream } from "@/lib/sync/types";
import { callbackUrlsFor } from "./callback-url";
import { backfillFloor, nextBackfillWindow, readBackfillCursor, requestNextBackfill } from "./sync-backfill";
import { garminHistory } from "./history";
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
        const days = context.historyDays ?? garminHistory.defaultDays();
        let cursor = readBackfillCursor(rawCursor, context.now);
        // A refusal is asked again only by runs no notification queued (schedule, Sync now, a
        // reconnect): pings come all day, and each would knock once per type for nothing.
        const isNotified = context.jobPayload.reason === "webhook" || Array.isArray(context.jobPayload.callbackUrls);
        if (cursor.backfill.outcome === "requested" || !isNotified) cursor = await requestNextBackfill(context, spec.summaryType, cursor, days);
        if (cursor.backfill.outcome === "requested" && nextBackfillWindow(cursor.backfill, days)) {
          const { to, from } = cursor.backfill;
          return { records: {}, nextCursor: JSON.stringify(cursor), progress: { done: to - from, total: to - backfillFloor(cursor.backfill, days) } };
        }
        resumeCursor = JSON.stringify(cursor);
      }
      const records = callbacks.length ? spec.toRecords(list.parse(await fetchCallbacks(context, callbacks, spec.summaryType))) : {};
      return { records, nextCursor: null, resumeCursor, progress: { done: 1, total: 1 } };
    },
  };
}
