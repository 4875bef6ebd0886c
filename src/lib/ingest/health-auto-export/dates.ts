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

const FOUR_CENTURIES_MS = 146_097 * 86_400_000;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

// Called once per point of a half-million-point export: the usual layout is read digit by digit,
// without the regex's match array and substrings; anything else goes through the regex.
export function parseHaeDate(text: string): HaeInstant | null {
  const ms = canonicalMs(text);
  if (!Number.isNaN(ms)) return instantOf(ms, canonical.offsetSeconds, text.slice(0, 10), canonical.localSeconds);
  const match = TIMESTAMP.exec(
    text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) ? text.trim() : text,
  );
  if (!match) return null;
  const sign = match[7] === "-" ? -1 : 1;
  const offset = sign * (+match[8]! * 3600 + +match[9]! * 60);
  const [hour, minute, second] = [+match[4]!, +match[5]!, +match[6]!];
  const utc = utcMs(+match[1]!, +match[2]!, +match[3]!, hour, minute, second, offset);
  if (Number.isNaN(utc)) return null;
  return instantOf(utc, offset, `${match[1]}-${match[2]}-${match[3]}`, hour * 3600 + minute * 60 + second);
}

/**
 * The instant alone, in epoch milliseconds (NaN when the text is not a date): what a metric
 * point needs, without the objects of a HaeInstant. The same rules as parseHaeDate.
 */
export function parseHaeMs(text: string): number {
  const ms = canonicalMs(text);
  return Number.isNaN(ms) ? (parseHaeDate(text)?.instant.getTime() ?? NaN) : ms;
}

const instantOf = (ms: number, utcOffsetSeconds: number, localDate: string, localSeconds: number): HaeInstant => ({
  instant: new Date(ms),
  utcOffsetSeconds,
  localDate,
  localSeconds,
});

/** The number written by `count` digits from `from`, or -1 when one is not a digit. */
function readDigits(text: string, from: number, count: number): number {
  let value = 0;
  for (let index = from; index < from + count; index++) {
    const code = text.charCodeAt(index) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/** What canonicalMs read besides the instant (valid only right after it returned a number). */
const canonical = { offsetSeconds: 0, localSeconds: 0 };

/**
 * "yyyy-MM-dd HH:mm:ss ±hhmm" exactly, as epoch milliseconds; NaN for any other text or an
 * impossible date. Allocates nothing: it runs once per point.
 */
function canonicalMs(text: string): number {
  if (
    text.length !== 25 ||
    text[4] !== "-" ||
    text[7] !== "-" ||
    text[10] !== " " ||
    text[13] !== ":" ||
    text[16] !== ":" ||
    text[19] !== " "
  )
    return NaN;
  const sign = text[20] === "+" ? 1 : text[20] === "-" ? -1 : 0;
  const year = readDigits(text, 0, 4);
  const month = readDigits(text, 5, 2);
  const day = readDigits(text, 8, 2);
  const hour = readDigits(text, 11, 2);
  const minute = readDigits(text, 14, 2);
  const second = readDigits(text, 17, 2);
  const offsetHours = readDigits(text, 21, 2);
  const offsetMinutes = readDigits(text, 23, 2);
  if (
    sign === 0 ||
    year < 0 ||
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    offsetHours < 0 ||
    offsetMinutes < 0
  )
    return NaN;
  const offset = sign * (offsetHours * 3600 + offsetMinutes * 60);
  canonical.offsetSeconds = offset;
  canonical.localSeconds = hour * 3600 + minute * 60 + second;
  return utcMs(year, month, day, hour, minute, second, offset);
}

/** The instant of a local date and time at a UTC offset, or NaN when no such date exists. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, offset: number) {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return NaN;
  // Date.UTC would roll 31 February over into March: such a date was never valid.
  if (day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !isLeap(year))) return NaN;
  // Date.UTC reads years 0-99 as 1900-1999; 400 years later the calendar repeats exactly.
  const utc =
    year < 100
      ? Date.UTC(year + 400, month - 1, day, hour, minute, second) - FOUR_CENTURIES_MS
      : Date.UTC(year, month - 1, day, hour, minute, second);
  return utc - offset * 1000;
}

/** A date-only "yyyy-MM-dd" (the aggregated sleep night), kept as a calendar day, never an instant. */
export function parseHaeDay(text: string): string | null {
  const match = DAY.exec(text.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCDate() === Number(match[3]) ? text.trim() : null;
}
