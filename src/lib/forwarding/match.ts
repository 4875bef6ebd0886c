import type { ActivityRow } from "@/lib/db/queries/forwarding-log";

export const DEFAULT_TOLERANCE_S = 60;

/**
 * The destination's copy of a source activity: the nearest start within the tolerance whose
 * duration agrees (within the tolerance or 10%, whichever is larger). A side without a
 * duration is matched on its start alone.
 */
export function findCopy(
  source: Pick<ActivityRow, "startAt" | "durationS">,
  candidates: readonly ActivityRow[],
  toleranceS = DEFAULT_TOLERANCE_S,
): ActivityRow | undefined {
  let best: { row: ActivityRow; gapS: number } | undefined;
  for (const row of candidates) {
    const gapS = Math.abs(row.startAt.getTime() - source.startAt.getTime()) / 1000;
    if (gapS > toleranceS) continue;
    if (source.durationS != null && row.durationS != null) {
      const allowed = Math.max(toleranceS, 0.1 * Math.max(source.durationS, row.durationS));
      if (Math.abs(source.durationS - row.durationS) > allowed) continue;
    }
    if (!best || gapS < best.gapS) best = { row, gapS };
  }
  return best?.row;
}
