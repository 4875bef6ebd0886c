import { METRIC_NAMES, METRIC_UNITS, type DailyMergeMetric } from "./metrics";
import type { DailyMergeExplanation, SourceRef } from "./types";

// The sentence beside a merged value:
// "Steps 12,430 = Apple Watch 10,010 (07:00-22:00) + iPhone 2,420 (hours the Apple Watch was off)".

export type SourceLabeler = (source: SourceRef) => string;

const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const amount = (metric: DailyMergeMetric, value: number) => `${NUMBER.format(value)}${METRIC_UNITS[metric]}`;
const clock = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/** Local hours as ranges: [7, 8, 9, 13] -> "07:00-10:00, 13:00-14:00". */
export function hourRanges(hours: number[]): string {
  const ranges: Array<[number, number]> = [];
  for (const hour of [...hours].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && last[1] === hour) last[1] = hour + 1;
    else ranges.push([hour, hour + 1]);
  }
  return ranges.map(([from, to]) => `${clock(from)}-${clock(to)}`).join(", ");
}

const listed = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

export function explainDailyMerge(
  metric: DailyMergeMetric,
  value: number,
  explanation: DailyMergeExplanation,
  labelOf: SourceLabeler,
): string {
  const terms = explanation.parts.map((part, index) => {
    const head = `${labelOf(part)} ${amount(metric, part.value)}`;
    if (explanation.method === "priority") return `${head} (first in the order of sources)`;
    if (index === 0) return `${head} (${hourRanges(part.hours ?? [])})`;
    const before = explanation.parts.slice(0, index).map(labelOf);
    return `${head} (hours the ${listed(before)} ${before.length > 1 ? "were" : "was"} off)`;
  });
  const text = `${METRIC_NAMES[metric]} ${amount(metric, value)} = ${terms.join(" + ")}`;
  if (!explanation.others.length) return text;
  const others = explanation.others.map((other) => `${labelOf(other)} ${amount(metric, other.value)}`);
  return `${text}; not counted: ${others.join(", ")}`;
}

/** A night or weigh-in that others also recorded: "Sleep: Oura's night counts; not counted: Apple Watch (a copy)". */
export function explainCopies(
  metric: "sleep" | "weight",
  primary: SourceRef,
  copies: SourceRef[],
  labelOf: SourceLabeler,
): string {
  const what = metric === "sleep" ? "night" : "weigh-in";
  const text = `${METRIC_NAMES[metric]}: ${labelOf(primary)}'s ${what} counts`;
  if (!copies.length) return text;
  return `${text}; the same ${what} from ${listed(copies.map(labelOf))} is kept as a copy, not counted`;
}
