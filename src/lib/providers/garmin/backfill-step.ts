import type { SyncContext } from "@/lib/sync/types";
import { garminHistory } from "./history";
import { backfillFloor, nextBackfillWindow, readBackfillCursor, requestNextBackfill } from "./sync-backfill";

export interface BackfillStep {
  cursor: string;
  /** More windows to ask for: the stream returns the cursor as its next page. */
  hasMore: boolean;
  progress: { done: number; total: number };
}

/**
 * One page's worth of a summary type's backfill: at most one window asked for, so each
 * window's cursor commits before the next is asked for and a crash never asks twice.
 */
export async function takeBackfillStep(
  context: SyncContext,
  summaryType: string,
  rawCursor: string | null,
): Promise<BackfillStep> {
  const days = context.historyDays ?? garminHistory.defaultDays();
  let cursor = readBackfillCursor(rawCursor, context.now);
  // A refusal is asked again only by runs no notification queued (schedule, Sync now, a
  // reconnect): pings come all day, and each would knock once per type for nothing.
  const isNotified = context.jobPayload.reason === "webhook" || Array.isArray(context.jobPayload.callbackUrls);
  if (cursor.backfill.outcome === "forbidden" && !isNotified) {
    // From the newest window again: whatever Garmin accepted before answers 409 (done).
    cursor = await requestNextBackfill(
      context,
      summaryType,
      { backfill: { ...cursor.backfill, from: cursor.backfill.to } },
      days,
    );
  } else if (cursor.backfill.outcome === "requested") {
    cursor = await requestNextBackfill(context, summaryType, cursor, days);
  }
  const { to, from, outcome } = cursor.backfill;
  const hasMore = outcome === "requested" && nextBackfillWindow(cursor.backfill, days) !== null;
  return {
    cursor: JSON.stringify(cursor),
    hasMore,
    progress: hasMore ? { done: to - from, total: to - backfillFloor(cursor.backfill, days) } : { done: 1, total: 1 },
  };
}
