import { civilWeekday } from "@/lib/dates";
import { bucketCenter, fromDay, span, toDay, type TimeDomain } from "./chart-scale";

const MAX_TICKS = 6;
const dayLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const monthLabel = new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" });
const monthYearLabel = new Intl.DateTimeFormat("en", { month: "short", year: "numeric", timeZone: "UTC" });
const asDate = (date: string) => new Date(`${date}T00:00:00Z`);

export interface TimeTick {
  date: string;
  /** Fraction of the plot's width. */
  x: number;
  label: string;
}

// Every chart on a page shares one domain, so its ticks are worked out once.
const ticksByDomain = new WeakMap<TimeDomain, TimeTick[]>();

/** Mondays for short ranges, month starts up to ~2 years, then New Year's days; at most six. */
export function timeTicks(domain: TimeDomain): TimeTick[] {
  let ticks = ticksByDomain.get(domain);
  if (!ticks) ticksByDomain.set(domain, (ticks = computeTicks(domain)));
  return ticks;
}

function computeTicks(domain: TimeDomain): TimeTick[] {
  const days = span(domain);
  const first = toDay(domain.start);
  const candidates: string[] = [];
  for (let day = first; day < first + days; day++) {
    const date = fromDay(day);
    if (days <= 100 ? civilWeekday(day) === 1 : days <= 800 ? date.endsWith("-01") : date.endsWith("-01-01"))
      candidates.push(date);
  }
  const every = Math.max(1, Math.ceil(candidates.length / MAX_TICKS));
  const kept = candidates.filter((_, index) => index % every === 0);
  return kept.map((date, index) => {
    const x = domain.bucket === "day" ? bucketCenter(domain, date) : (toDay(date) - first) / days;
    let label: string;
    if (days <= 100) label = dayLabel.format(asDate(date));
    // The year is named on the first tick and wherever it changes.
    else if (days <= 800)
      label =
        index === 0 || kept[index - 1]!.slice(0, 4) !== date.slice(0, 4)
          ? monthYearLabel.format(asDate(date))
          : monthLabel.format(asDate(date));
    else label = date.slice(0, 4);
    return { date, x, label };
  });
}
