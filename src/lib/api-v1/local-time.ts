/** An instant as ISO 8601 UTC ("…Z"). */
export const isoUtc = (at: Date): string => at.toISOString();

/**
 * The instant as the wall clock showed it where it happened ("2026-11-20T08:00:00+02:00"), or
 * null when the source gave no offset: a guessed one would be worse than none.
 */
export function isoLocal(at: Date, utcOffsetSeconds: number | null): string | null {
  if (utcOffsetSeconds === null) return null;
  const shifted = new Date(at.getTime() + utcOffsetSeconds * 1000).toISOString().slice(0, 19);
  const sign = utcOffsetSeconds < 0 ? "-" : "+";
  const minutes = Math.abs(utcOffsetSeconds) / 60;
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(Math.floor(minutes % 60)).padStart(2, "0");
  return `${shifted}${sign}${hh}:${mm}`;
}
