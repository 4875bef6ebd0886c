import { AppError } from "@/lib/errors";
import type { SyncContext } from "@/lib/sync/types";
import { GARMIN_API } from "./sync-window";

// Garmin's history arrives asynchronously: a backfill request answers 202 at once and the
// summaries come later through the same ping notifications as new uploads.

const DAY_S = 86_400;
// Garmin caps activities at 30 days per request and is said to allow 90 for health types;
// open-wearables (citing Garmin support) uses 30 for all, and so do we.
export const BACKFILL_WINDOW_S = 30 * DAY_S;

export interface BackfillCursor {
  backfill: { from: number; to: number; outcome: "requested" | "forbidden" };
}

/** [from, to) in consecutive windows of at most 30 days, oldest first. */
export function backfillWindows(from: number, to: number): Array<{ start: number; end: number }> {
  const windows: Array<{ start: number; end: number }> = [];
  for (let start = from; start < to; start += BACKFILL_WINDOW_S) windows.push({ start, end: Math.min(start + BACKFILL_WINDOW_S, to) });
  return windows;
}

/**
 * Asks Garmin to re-send one summary type over the backfill period. 409 means that window was
 * requested before (Garmin will not send it twice), which is as good as 202; 403 means the
 * person left "historical data" off on the consent page, so the rest would be refused too.
 * OAuth 2.0 only: legacy OAuth 1.0a connections pull their history in upload windows.
 */
export async function requestBackfill(context: SyncContext, summaryType: string): Promise<BackfillCursor> {
  const to = Math.floor(context.now.getTime() / 1000);
  const from = to - context.backfillDays * DAY_S;
  for (const window of backfillWindows(from, to)) {
    const url = new URL(`${GARMIN_API}/backfill/${summaryType}`);
    url.searchParams.set("summaryStartTimeInSeconds", String(window.start));
    url.searchParams.set("summaryEndTimeInSeconds", String(window.end));
    const response = await context.fetch(url.toString());
    await response.body?.cancel();
    if (response.status === 403) return { backfill: { from, to, outcome: "forbidden" } };
    if (response.status !== 202 && response.status !== 409) {
      throw new AppError("PROVIDER_UNAVAILABLE", `Garmin backfill of ${summaryType} answered HTTP ${response.status}.`);
    }
  }
  return { backfill: { from, to, outcome: "requested" } };
}
