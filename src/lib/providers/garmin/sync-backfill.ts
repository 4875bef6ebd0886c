import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { HistoryDays } from "@/lib/providers/history-types";
import type { SyncContext } from "@/lib/sync/types";
import { GARMIN_API } from "./sync-window";

// Garmin's history arrives asynchronously: a backfill request answers 202 at once and the
// summaries come later through the same ping notifications as new uploads. Each type and
// timeframe can be asked for once (a repeat or overlap answers 409), so the cursor remembers
// how far back each type was asked for, and windows only ever extend that, newest first.

const DAY_S = 86_400;
// Garmin caps activities at 30 days per request and is said to allow 90 for health types;
// open-wearables (citing Garmin support) uses 30 for all, and so do we.
export const BACKFILL_WINDOW_S = 30 * DAY_S;
// How far back Garmin serves history: five years (quantified-self's documented limit). Where
// Garmin says it goes less far back (400 "… before min start time of …"), that wins.
export const GARMIN_HISTORY_LIMIT_DAYS = 5 * 365;

export const backfillCursorSchema = z.object({
  backfill: z.object({
    /** Where the newest window ends: the first sync. Later data comes by ping. */
    to: z.number().int(),
    /** The oldest start asked for so far (202 or 409); `to` before the first window. */
    from: z.number().int(),
    /** "forbidden": Garmin answered 403, the person did not grant historical data. */
    outcome: z.enum(["requested", "forbidden"]),
    /** Garmin's earliest allowed start, once a request reached past it. */
    earliest: z.number().int().optional(),
  }),
});
export type BackfillCursor = z.infer<typeof backfillCursorSchema>;
type BackfillState = BackfillCursor["backfill"];

export function readBackfillCursor(rawCursor: string | null, now: Date): BackfillCursor {
  if (rawCursor) return backfillCursorSchema.parse(JSON.parse(rawCursor));
  const to = Math.floor(now.getTime() / 1000);
  return { backfill: { to, from: to, outcome: "requested" } };
}

/** Where the horizon starts: `days` before the first sync, never past Garmin's limits. */
export function backfillFloor(state: BackfillState, days: HistoryDays): number {
  const reach = days === "all" ? GARMIN_HISTORY_LIMIT_DAYS : Math.min(days, GARMIN_HISTORY_LIMIT_DAYS);
  return Math.max(state.to - reach * DAY_S, state.earliest ?? -Infinity);
}

/** The next window to ask for: up to 30 days just before what was asked already, or none. */
export function nextBackfillWindow(state: BackfillState, days: HistoryDays): { start: number; end: number } | null {
  const floor = backfillFloor(state, days);
  return state.from > floor ? { start: Math.max(state.from - BACKFILL_WINDOW_S, floor), end: state.from } : null;
}

// Garmin's live 400 for a start beyond its history: "start <iso> before min start time of <iso>".
const MIN_START_PATTERN = /before min start time of\s+['"]?([0-9T:.+\-Z]+)/i;

/**
 * Asks Garmin for the next window of one summary type and returns the cursor to store. 409 means
 * that window was requested before (Garmin will not send it twice), as good as 202; 403 means the
 * person left "historical data" off on the consent page, so the rest would be refused too; a 400
 * naming Garmin's earliest start narrows the horizon to it, and the next call asks from there.
 */
export async function requestNextBackfill(
  context: SyncContext,
  summaryType: string,
  cursor: BackfillCursor,
  days: HistoryDays,
): Promise<BackfillCursor> {
  const state = cursor.backfill;
  const window = nextBackfillWindow(state, days);
  // Nothing left to ask for (a shorter horizon than a refused one): there is no refusal to show.
  if (!window) return { backfill: { ...state, outcome: "requested" } };
  const url = new URL(`${GARMIN_API}/backfill/${summaryType}`);
  url.searchParams.set("summaryStartTimeInSeconds", String(window.start));
  url.searchParams.set("summaryEndTimeInSeconds", String(window.end));
  const response = await context.fetch(url.toString());
  if (response.status === 202 || response.status === 409) {
    await response.body?.cancel();
    return { backfill: { ...state, from: window.start, outcome: "requested" } };
  }
  if (response.status === 403) {
    await response.body?.cancel();
    return { backfill: { ...state, outcome: "forbidden" } };
  }
  const detail = await response.text().catch(() => "");
  const earliest = response.status === 400 ? Date.parse(MIN_START_PATTERN.exec(detail)?.[1] ?? "") : NaN;
  if (Number.isFinite(earliest) && Math.ceil(earliest / 1000) > window.start) {
    return { backfill: { ...state, earliest: Math.ceil(earliest / 1000) } };
  }
  if (response.status === 429)
    throw new AppError("RATE_LIMITED", `Garmin backfill of ${summaryType} answered HTTP 429.`);
  throw new AppError(
    "PROVIDER_UNAVAILABLE",
    `Garmin backfill of ${summaryType} answered HTTP ${response.status}${detail ? `: ${detail.slice(0, 200)}` : ""}.`,
  );
}
