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

export function parseHaeDate(text: string): HaeInstant | null {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = match.map(Number) as number[];
  const offset = (match[7] === "-" ? -1 : 1) * (offsetHours! * 3600 + offsetMinutes! * 60);
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 60) return null;
  const localMs = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  // Date.UTC rolls 31 February over into March; a date that moved was never valid.
  if (new Date(localMs).getUTCDate() !== day) return null;
  return {
    instant: new Date(localMs - offset * 1000),
    utcOffsetSeconds: offset,
    localDate: `${match[1]}-${match[2]}-${match[3]}`,
    localSeconds: hour! * 3600 + minute! * 60 + second!,
  };
}

/** A date-only "yyyy-MM-dd" (the aggregated sleep night), kept as a calendar day, never an instant. */
export function parseHaeDay(text: string): string | null {
  const match = DAY.exec(text.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCDate() === Number(match[3]) ? text.trim() : null;
}
