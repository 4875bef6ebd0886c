import { differsByMoreThan } from "./weigh-in-rule";

/** One source's weigh-ins as the comparison reads them (oldest first). */
export interface ComparedWeighIn {
  id: string;
  date: string;
  measuredAt: string;
  weightKg: number;
}

export interface DayWeight {
  date: string;
  weightKg: number;
  /** The weigh-in that stands for the day. */
  id: string;
}

export interface DayDifference {
  date: string;
  weightKgA: number;
  weightKgB: number;
  /** B minus A, to the gram. */
  differenceKg: number;
}

export interface DayComparison {
  onlyInA: DayWeight[];
  onlyInB: DayWeight[];
  differing: DayDifference[];
  matchingDays: number;
}

/**
 * A day's weight is its first weigh-in: the morning weight people compare, and the one a scale
 * and an app that copies it both have.
 */
export function firstWeighInPerDay(weighIns: ComparedWeighIn[]): Map<string, DayWeight> {
  const days = new Map<string, DayWeight>();
  for (const weighIn of [...weighIns].sort((x, y) => x.measuredAt.localeCompare(y.measuredAt))) {
    if (!days.has(weighIn.date))
      days.set(weighIn.date, { date: weighIn.date, weightKg: weighIn.weightKg, id: weighIn.id });
  }
  return days;
}

/** Days only one source has, and days both have whose weights differ by more than `toleranceKg`. */
export function compareDays(a: ComparedWeighIn[], b: ComparedWeighIn[], toleranceKg: number): DayComparison {
  const daysA = firstWeighInPerDay(a);
  const daysB = firstWeighInPerDay(b);
  const comparison: DayComparison = { onlyInA: [], onlyInB: [], differing: [], matchingDays: 0 };
  for (const [date, dayA] of daysA) {
    const dayB = daysB.get(date);
    if (!dayB) comparison.onlyInA.push(dayA);
    else if (differsByMoreThan(dayA.weightKg, dayB.weightKg, toleranceKg))
      comparison.differing.push({
        date,
        weightKgA: dayA.weightKg,
        weightKgB: dayB.weightKg,
        differenceKg: Math.round((dayB.weightKg - dayA.weightKg) * 1000) / 1000,
      });
    else comparison.matchingDays++;
  }
  for (const [date, dayB] of daysB) if (!daysA.has(date)) comparison.onlyInB.push(dayB);
  const byDate = (x: { date: string }, y: { date: string }) => x.date.localeCompare(y.date);
  comparison.onlyInA.sort(byDate);
  comparison.onlyInB.sort(byDate);
  comparison.differing.sort(byDate);
  return comparison;
}
