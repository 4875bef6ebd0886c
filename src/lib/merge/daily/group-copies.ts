import { orderSources, sourceKeyOf } from "./priority";
import type { SourceRef } from "./types";

// Which rows from different sources are one night or one weigh-in, and which of each group
// counts. Pure: the queries in db/queries/merged-copies.ts load the rows and store the answer.

export interface NightRow extends SourceRef {
  id: string;
  startAt: Date;
  endAt: Date;
}

export interface WeighInRow extends SourceRef {
  id: string;
  measuredAt: Date;
  weightKg: number;
}

/** A copy and the row that counts instead of it. */
export interface CopyLink {
  copyId: string;
  primaryId: string;
}

// Two sources' sessions are one night when they share at least half of the shorter one: a
// nap that brushes the edge of another source's night stays a nap of its own.
const MIN_SHARED_FRACTION = 0.5;
export const WEIGH_IN_WINDOW_MS = 2 * 60_000;
export const WEIGH_IN_TOLERANCE_KG = 0.05;

function unionFind(size: number) {
  const parent = Array.from({ length: size }, (_, index) => index);
  const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index]!)));
  return { find, join: (a: number, b: number) => void (parent[find(a)] = find(b)) };
}

/**
 * Groups rows and names, per group, the first source in order as the one that counts. Every
 * row of that source stays primary (a night some source splits in two keeps both halves);
 * the other sources' rows become copies of its first row.
 */
function linkGroups<Row extends SourceRef & { id: string }>(
  rows: Row[],
  isSame: (a: Row, b: Row) => boolean,
  isPastReach: (later: Row, earlier: Row) => boolean,
  personalOrder: SourceRef[] | undefined,
): CopyLink[] {
  const sets = unionFind(rows.length);
  for (let i = 0; i < rows.length; i++)
    for (let j = i + 1; j < rows.length && !isPastReach(rows[j]!, rows[i]!); j++)
      if (sourceKeyOf(rows[i]!) !== sourceKeyOf(rows[j]!) && isSame(rows[i]!, rows[j]!)) sets.join(i, j);
  const groups = new Map<number, Row[]>();
  for (const [index, row] of rows.entries())
    groups.set(sets.find(index), [...(groups.get(sets.find(index)) ?? []), row]);

  const links: CopyLink[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const [primary] = orderSources(group, personalOrder);
    for (const row of group)
      if (sourceKeyOf(row) !== sourceKeyOf(primary!)) links.push({ copyId: row.id, primaryId: primary!.id });
  }
  return links;
}

/** Overlapping nights from different sources: one night each, with a primary. `nights` sorted by start. */
export function linkNights(nights: NightRow[], personalOrder?: SourceRef[]): CopyLink[] {
  const duration = (night: NightRow) => night.endAt.getTime() - night.startAt.getTime();
  return linkGroups(
    nights,
    (a, b) => {
      const shared =
        Math.min(a.endAt.getTime(), b.endAt.getTime()) - Math.max(a.startAt.getTime(), b.startAt.getTime());
      return shared > 0 && shared >= MIN_SHARED_FRACTION * Math.min(duration(a), duration(b));
    },
    (later, earlier) => later.startAt >= earlier.endAt,
    personalOrder,
  );
}

/** The same weigh-in reported by two services (within 2 minutes and 0.05 kg). `weighIns` sorted by time. */
export function linkWeighIns(weighIns: WeighInRow[], personalOrder?: SourceRef[]): CopyLink[] {
  return linkGroups(
    weighIns,
    (a, b) => Math.abs(a.weightKg - b.weightKg) <= WEIGH_IN_TOLERANCE_KG + 1e-9,
    (later, earlier) => later.measuredAt.getTime() - earlier.measuredAt.getTime() > WEIGH_IN_WINDOW_MS,
    personalOrder,
  );
}
