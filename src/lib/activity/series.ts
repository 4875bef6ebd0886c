import type { WindowSample } from "@/lib/db/queries/activity-detail";
import type { SeriesPoint } from "./downsample";

export interface PickedSeries {
  provider: string;
  sourceId: string;
  points: SeriesPoint[];
}

/**
 * One device's samples for the chart. Several sources can cover the same minutes (a watch
 * and a ring both measure heart rate); interleaving them would draw a zigzag between two
 * sensors. The activity's own provider wins; otherwise the source with the most samples.
 */
export function pickSeries(
  rows: WindowSample[],
  options: { start: Date; preferProvider: string },
): PickedSeries | null {
  const groups = new Map<string, PickedSeries>();
  for (const row of rows) {
    const key = `${row.provider}\u0000${row.sourceId}`;
    let group = groups.get(key);
    if (!group) {
      group = { provider: row.provider, sourceId: row.sourceId, points: [] };
      groups.set(key, group);
    }
    group.points.push({ t: (row.time.getTime() - options.start.getTime()) / 1000, v: row.value });
  }
  let best: PickedSeries | null = null;
  const rank = (group: PickedSeries) =>
    [group.provider === options.preferProvider ? 1 : 0, group.points.length] as const;
  for (const group of groups.values()) {
    if (!best) best = group;
    else {
      const [ownA, countA] = rank(group);
      const [ownB, countB] = rank(best);
      if (ownA > ownB || (ownA === ownB && countA > countB)) best = group;
    }
  }
  return best;
}
