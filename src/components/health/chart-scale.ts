import type { Bucket } from "@/lib/db/queries/health-series";
import { civilDate, civilDayNumber, civilWeekday } from "@/lib/dates";

// Geometry shared by the charts. Horizontal positions are fractions (0..1) of the plot's
// width, so an SVG drawn at width 100% stays sharp on any screen; vertical ones are pixels.

export const toDay = civilDayNumber;
export const fromDay = civilDate;

/** The first day of a date's bucket, as Postgres' date_trunc has it (ISO weeks start on Monday). */
export function bucketStart(date: string, bucket: Bucket): string {
  if (bucket === "day") return date;
  if (bucket === "month") return `${date.slice(0, 7)}-01`;
  const day = toDay(date);
  return fromDay(day - ((civilWeekday(day) + 6) % 7));
}

export function nextBucket(start: string, bucket: Bucket): string {
  if (bucket === "day") return fromDay(toDay(start) + 1);
  if (bucket === "week") return fromDay(toDay(start) + 7);
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  return month === 12
    ? `${String(year + 1).padStart(4, "0")}-01-01`
    : `${start.slice(0, 4)}-${String(month + 1).padStart(2, "0")}-01`;
}

export interface TimeDomain {
  /** First day of the first bucket. */
  start: string;
  /** First day after the last bucket. */
  end: string;
  bucket: Bucket;
}

export function timeDomain(start: string, end: string, bucket: Bucket): TimeDomain {
  return { start: bucketStart(start, bucket), end: nextBucket(bucketStart(end, bucket), bucket), bucket };
}

export const span = (domain: TimeDomain) => toDay(domain.end) - toDay(domain.start);

// Every chart on a page places the same buckets: each is worked out once per domain.
const slotsByDomain = new WeakMap<TimeDomain, Map<string, { x: number; width: number }>>();

/** Where a bucket begins and how wide it is, as fractions of the plot. */
export function bucketSlot(domain: TimeDomain, date: string): { x: number; width: number } {
  let slots = slotsByDomain.get(domain);
  if (!slots) slotsByDomain.set(domain, (slots = new Map()));
  let slot = slots.get(date);
  if (!slot) {
    const x = (toDay(date) - toDay(domain.start)) / span(domain);
    const width = (toDay(nextBucket(date, domain.bucket)) - toDay(date)) / span(domain);
    slots.set(date, (slot = { x, width }));
  }
  return slot;
}

export const bucketCenter = (domain: TimeDomain, date: string) => {
  const slot = bucketSlot(domain, date);
  return slot.x + slot.width / 2;
};

/** Two points further apart than this many buckets are not joined by a line. */
export const GAP_BUCKETS = 3;

export function isGap(domain: TimeDomain, from: string, to: string): boolean {
  let date = from;
  for (let i = 0; i < GAP_BUCKETS; i++) date = nextBucket(date, domain.bucket);
  return to > date;
}

export interface ValueScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** Round tick values (1, 2, 2.5 or 5 times a power of ten) covering every value. */
export function valueScale(values: number[], options: { includeZero?: boolean; tickCount?: number } = {}): ValueScale {
  const tickCount = options.tickCount ?? 4;
  let low = Math.min(...values, options.includeZero ? 0 : Infinity);
  let high = Math.max(...values, options.includeZero ? 0 : -Infinity);
  if (!Number.isFinite(low) || !Number.isFinite(high)) [low, high] = [0, 1];
  if (low === high) [low, high] = low === 0 ? [0, 1] : [low - Math.abs(low) * 0.1, high + Math.abs(high) * 0.1];
  const rough = (high - low) / tickCount;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power;
  const min = Math.floor(low / step) * step;
  const max = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  // Rounded so 0.1 + 0.2 style sums print as 0.3.
  for (let tick = min; tick <= max + step / 2; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return { min, max, step: Number(step.toPrecision(12)), ticks };
}

/** Tick labels with as many decimals as the step needs, so 71.5 and 72 never both print "72". */
export function tickFormat(scale: ValueScale): (value: number) => string {
  const decimals = String(scale.step).split(".")[1]?.length ?? 0;
  const format = new Intl.NumberFormat("en", { maximumFractionDigits: decimals });
  return (value) => format.format(value);
}

export const valueY = (scale: ValueScale, value: number, height: number) =>
  height * (1 - (value - scale.min) / (scale.max - scale.min || 1));
