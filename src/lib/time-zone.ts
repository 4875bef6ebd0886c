import { z } from "zod";

// Time zones are IANA names (Europe/Berlin). Both ends use them: Intl for display, Postgres
// `AT TIME ZONE` for bucketing, so a name must make sense to both.

export const DEFAULT_TIME_ZONE = "UTC";

// Names only: a bare offset such as "+01:00" means the opposite sign to Postgres (POSIX),
// and newer ICU versions accept it, so it is kept out by shape.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** The name as ICU spells it ("utc" -> "UTC"), or null when it is no time zone. */
export function canonicalTimeZone(name: string): string | null {
  try {
    const canonical = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    return IANA_NAME.test(canonical) ? canonical : null;
  } catch {
    return null;
  }
}

export const timeZoneSchema = z
  .string({ error: "Choose a time zone." })
  .trim()
  .min(1, { message: "Choose a time zone." })
  .max(64, { message: "That is not a time zone name." })
  .transform((value, context) => {
    const canonical = canonicalTimeZone(value);
    if (canonical) return canonical;
    context.addIssue({ code: "custom", message: `"${value}" is not a time zone; choose one from the list.` });
    return z.NEVER;
  });

/** Every zone this runtime knows, UTC first (V8 leaves it out of supportedValuesOf). */
export function listTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return [DEFAULT_TIME_ZONE, ...zones.filter((zone) => zone !== DEFAULT_TIME_ZONE)];
}

export type TimeZoneGroup = { region: string; zones: string[] };

/** Zones under their first part (Africa, America, …) for a menu; lone names like UTC go first. */
export function groupTimeZones(zones: string[]): TimeZoneGroup[] {
  const groups = new Map<string, string[]>();
  for (const zone of zones) {
    const region = zone.includes("/") ? zone.slice(0, zone.indexOf("/")) : "";
    const group = groups.get(region) ?? [];
    group.push(zone);
    groups.set(region, group);
  }
  return [...groups]
    .map(([region, names]) => ({ region, zones: names }))
    .sort((a, b) => a.region.localeCompare(b.region));
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `instant` in `timeZone`, as numbers. */
function wallClock(instant: Date, timeZone: string) {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormats.set(timeZone, format);
  }
  const fields = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour!,
    minute: fields.minute!,
    second: fields.second!,
  };
}

/** The calendar date of `instant` in `timeZone`, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  const { year, month, day } = wallClock(instant, timeZone);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** How far `timeZone` is ahead of UTC at `instant`, in seconds (daylight saving included). */
export function zoneOffsetSeconds(instant: Date, timeZone: string): number {
  const { year, month, day, hour, minute, second } = wallClock(instant, timeZone);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 1000);
}
