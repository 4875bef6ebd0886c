import { orderSources } from "./priority";
import type { DailyMergeExplanation, MergePart, SourceRef } from "./types";

/** What one source says about one metric on one day: a daily total, or totals per local hour. */
export interface DayCandidate extends SourceRef {
  /** The source's own daily total (daily_summaries). */
  total?: number;
  /** Per local hour (0-23), the sum of the source's samples in it. */
  hours?: Map<number, number>;
}

export interface MergedDay {
  value: number;
  primary: SourceRef;
  explanation: DailyMergeExplanation;
}

const sumOf = (hours: Map<number, number>) => [...hours.values()].reduce((total, value) => total + value, 0);

/**
 * One day's merged value. When the first-ranked source has hourly samples and the metric adds
 * up, each hour takes the first source in order that has samples in it, so the phone fills the
 * hours the watch was off and no step is counted twice. Otherwise the first-ranked source's
 * total wins. Every other source's own total is kept for comparison.
 *
 * A source with a daily total for the day is taken by that total even if it also sent
 * samples: a per-day export writes its total both ways (one sample at local midnight), and
 * read as hours it would look like a source that was off for 23 of them.
 */
export function mergeDay(
  candidates: DayCandidate[],
  options: { isAdditive: boolean; personalOrder?: SourceRef[] },
): MergedDay | null {
  const usable = candidates.filter((candidate) => candidate.total !== undefined || candidate.hours?.size);
  if (!usable.length) return null;
  const ordered = orderSources(usable, options.personalOrder);
  const ownTotal = (candidate: DayCandidate) => candidate.total ?? sumOf(candidate.hours!);
  const ref = ({ provider, sourceId }: SourceRef): SourceRef => ({ provider, sourceId });
  const first = ordered[0]!;

  if (!options.isAdditive || first.total !== undefined) {
    return {
      value: ownTotal(first),
      primary: ref(first),
      explanation: {
        method: "priority",
        parts: [{ ...ref(first), value: ownTotal(first) }],
        others: ordered.slice(1).map((candidate) => ({ ...ref(candidate), value: ownTotal(candidate) })),
      },
    };
  }

  const hourly = ordered.filter((candidate) => candidate.total === undefined);
  const taken = new Map<number, DayCandidate>();
  for (const candidate of hourly)
    for (const hour of candidate.hours!.keys()) if (!taken.has(hour)) taken.set(hour, candidate);

  const parts: MergePart[] = [];
  for (const candidate of hourly) {
    const hours = [...taken.entries()]
      .filter(([, owner]) => owner === candidate)
      .map(([hour]) => hour)
      .sort((a, b) => a - b);
    if (!hours.length) continue;
    const value = hours.reduce((total, hour) => total + candidate.hours!.get(hour)!, 0);
    parts.push({ ...ref(candidate), value, hours });
  }
  const counted = new Set(parts.map((part) => `${part.provider}\u0000${part.sourceId}`));
  return {
    value: parts.reduce((total, part) => total + part.value, 0),
    primary: ref(first),
    explanation: {
      method: "hourly",
      parts,
      others: ordered
        .filter((candidate) => !counted.has(`${candidate.provider}\u0000${candidate.sourceId}`))
        .map((candidate) => ({ ...ref(candidate), value: ownTotal(candidate) })),
    },
  };
}
