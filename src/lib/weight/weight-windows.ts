import { z } from "zod";
import { addDays, DAY_MS } from "@/lib/dates";
import type { CivilWindow, WeightHistory } from "@/lib/providers/weight-types";

// A weight walk goes from the newest window back to the oldest: recent weigh-ins land first,
// and widening "30d" to "all" while it runs only moves where it stops.

export const WEIGHT_SCOPES = ["30d", "all"] as const;
export type WeightScope = (typeof WEIGHT_SCOPES)[number];

const isoDate = z.iso.date();

/** A weight job's payload: what it covers, and how far it got (committed with each window). */
export const weightJobPayloadSchema = z.object({
  scope: z.enum(WEIGHT_SCOPES),
  /** The exclusive end of the newest window, fixed when the job is queued. */
  through: isoDate,
  /** The start of the last committed window: the next one ends here. */
  cursor: isoDate.optional(),
});
export type WeightJobPayload = z.infer<typeof weightJobPayloadSchema>;

type Span = Pick<WeightHistory, "earliestDate" | "windowDays">;

/** The day a scope reaches back to: one window for "30d", the provider's beginning for "all". */
export const scopeStart = (payload: Pick<WeightJobPayload, "scope" | "through">, history: Span) =>
  payload.scope === "all" ? history.earliestDate : addDays(payload.through, -history.windowDays);

/** The window to fetch next, or null when the walk is done. */
export function nextWeightWindow(payload: WeightJobPayload, history: Span): CivilWindow | null {
  const start = scopeStart(payload, history);
  const to = payload.cursor ?? payload.through;
  if (to <= start) return null;
  const from = addDays(to, -history.windowDays);
  return { from: from > start ? from : start, to };
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** Windows done of all the walk has, once `cursor` is committed. */
export function weightProgress(payload: WeightJobPayload, history: Span): { done: number; total: number } {
  const start = scopeStart(payload, history);
  const total = Math.max(1, Math.ceil(days(start, payload.through) / history.windowDays));
  const done = payload.cursor ? Math.ceil(days(payload.cursor, payload.through) / history.windowDays) : 0;
  return { done: Math.min(done, total), total };
}

/** Where a job queued now starts: today (UTC) plus the provider's horizon. */
export const weightThrough = (now: Date, history: Pick<WeightHistory, "horizonDays">) =>
  addDays(now.toISOString().slice(0, 10), history.horizonDays);
