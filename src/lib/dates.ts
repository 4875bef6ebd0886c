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
