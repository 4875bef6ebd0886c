// Calendar arithmetic on UTC days and ISO offsets, shared by syncs, transforms, simulators
// and charts. Dates are "YYYY-MM-DD" strings; a day is always 24 h here because these
// dates are civil labels computed in UTC, never wall-clock spans in a zone with DST.

export const DAY_MS = 86_400_000;

/** The ISO date `days` after `date` (negative goes back). */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

// "+02:00", "-0530" at the end of an ISO date-time, or the offset alone.
const TRAILING_OFFSET = /([+-])(\d{2}):?(\d{2})$/;

/** Seconds east of UTC written at the end of a date-time or offset ("Z" is 0); null when none is written. */
export function utcOffsetSecondsOf(text: string): number | null {
  if (/z$/i.test(text)) return 0;
  const match = TRAILING_OFFSET.exec(text);
  if (!match) return null;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}

// Days since 1970-01-01 and back, by arithmetic (H. Hinnant's civil-calendar algorithms): a
// year of charts converts thousands of dates per page, and every Date made on the server goes
// through Next's instrumented constructor.

/** Days since 1970-01-01 of a "YYYY-MM-DD" date. */
export function civilDayNumber(date: string): number {
  const month = Number(date.slice(5, 7));
  const year = Number(date.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const day = Number(date.slice(8, 10));
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The "YYYY-MM-DD" date `days` after 1970-01-01. */
export function civilDate(days: number): string {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** 0 for Sunday … 6 for Saturday, as getUTCDay has it. */
export const civilWeekday = (days: number): number => ((days % 7) + 7 + 4) % 7;
