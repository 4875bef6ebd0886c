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
  const fields = text.length === 25 ? readCanonical(text) : null;
  if (fields) return instant(fields, text.slice(0, 10));
  const match = TIMESTAMP.exec(
    text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) ? text.trim() : text,
  );
  if (!match) return null;
  const sign = match[7] === "-" ? -1 : 1;
  return instant(
    [
      +match[1]!,
      +match[2]!,
      +match[3]!,
      +match[4]!,
      +match[5]!,
      +match[6]!,
      sign * (+match[8]! * 3600 + +match[9]! * 60),
    ],
    `${match[1]}-${match[2]}-${match[3]}`,
  );
}

type Fields = [
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetSeconds: number,
];

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

/** "yyyy-MM-dd HH:mm:ss ±hhmm" exactly, or null. No closures or arrays besides the result: it runs once per point. */
function readCanonical(text: string): Fields | null {
  if (
    text[4] !== "-" ||
    text[7] !== "-" ||
    text[10] !== " " ||
    text[13] !== ":" ||
    text[16] !== ":" ||
    text[19] !== " "
  )
    return null;
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
    return null;
  return [year, month, day, hour, minute, second, sign * (offsetHours * 3600 + offsetMinutes * 60)];
}

function instant([year, month, day, hour, minute, second, offset]: Fields, localDate: string): HaeInstant | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  // Date.UTC would roll 31 February over into March: such a date was never valid.
  if (day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !isLeap(year))) return null;
  // Date.UTC reads years 0-99 as 1900-1999; 400 years later the calendar repeats exactly.
  const utc =
    year < 100
      ? Date.UTC(year + 400, month - 1, day, hour, minute, second) - FOUR_CENTURIES_MS
      : Date.UTC(year, month - 1, day, hour, minute, second);
  return {
    instant: new Date(utc - offset * 1000),
    utcOffsetSeconds: offset,
    localDate,
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
