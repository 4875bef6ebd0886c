// HAE writes "yyyy-MM-dd HH:mm:ss Z" ("2026-11-20 07:15:00 +0100"): not ISO-8601, so never
// hand it to `new Date` as is (V8 happens to accept it; the standard does not).
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)? ?([+-])(\d{2}):?(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface HaeInstant {
  instant: Date;
  utcOffsetSeconds: number;
  /** The calendar day on the phone when this happened. */
  localDate: string;
  /** Seconds since local midnight on the phone. */
  localSeconds: number;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

// Called once per point of a half-million-point export: no intermediate arrays or Dates.
export function parseHaeDate(text: string): HaeInstant | null {
  const match = TIMESTAMP.exec(text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) ? text.trim() : text);
  if (!match) return null;
  const year = +match[1]!, month = +match[2]!, day = +match[3]!, hour = +match[4]!, minute = +match[5]!, second = +match[6]!;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  // Date.UTC would roll 31 February over into March: such a date was never valid.
  if (day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !isLeap(year))) return null;
  const offset = (match[7] === "-" ? -1 : 1) * (+match[8]! * 3600 + +match[9]! * 60);
  return {
    instant: new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offset * 1000),
    utcOffsetSeconds: offset,
    localDate: `${match[1]}-${match[2]}-${match[3]}`,
    localSeconds: hour * 3600 + minute * 60 + second,
  };
}

/** A date-only "yyyy-MM-dd" (the aggregated sleep night), kept as a calendar day, never an instant. */
export function parseHaeDay(text: string): string | null {
  const match = DAY.exec(text.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCDate() === Number(match[3]) ? text.trim() : null;
}
