// Display helpers. Values arrive in SI units (ARCHITECTURE.md); conversion happens only here.
export type UnitSystem = "metric" | "imperial";

export function formatDistance(meters: number | null, units: UnitSystem): string {
  if (meters == null) return "—";
  return units === "imperial" ? `${(meters / 1609.344).toFixed(2)} mi` : `${(meters / 1000).toFixed(2)} km`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds == null) return "—";
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0
    ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`
    : `${m}:${String(s).padStart(2, "0")}`;
}

const METERS_PER_MILE = 1609.344;
export const METERS_PER_FOOT = 0.3048;
const METERS_PER_YARD = 0.9144;

// Below this a pace is minutes per km in the hundreds: standing still, not moving slowly.
const MIN_PACE_SPEED_MPS = 0.3;

const clock = (seconds: number) => {
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
};

/** Seconds per km or per mile at `speedMps`; null when too slow for a pace to mean anything. */
export function paceSeconds(speedMps: number, units: UnitSystem): number | null {
  if (!(speedMps >= MIN_PACE_SPEED_MPS)) return null;
  return (units === "imperial" ? METERS_PER_MILE : 1000) / speedMps;
}

export const paceUnit = (units: UnitSystem) => (units === "imperial" ? "/mi" : "/km");

/** Running and walking pace: "5:00 /km", "8:03 /mi". */
export function formatPace(speedMps: number | null, units: UnitSystem): string {
  const seconds = speedMps == null ? null : paceSeconds(speedMps, units);
  return seconds == null ? "—" : `${clock(seconds)} ${paceUnit(units)}`;
}

/** Swimming pace per 100 m, or per 100 yd (the pool lengths imperial swimmers count). */
export function formatSwimPace(speedMps: number | null, units: UnitSystem): string {
  if (speedMps == null || !(speedMps >= MIN_PACE_SPEED_MPS / 10)) return "—";
  return units === "imperial"
    ? `${clock((100 * METERS_PER_YARD) / speedMps)} /100yd`
    : `${clock(100 / speedMps)} /100m`;
}

export const speedValue = (speedMps: number, units: UnitSystem) =>
  units === "imperial" ? (speedMps * 3600) / METERS_PER_MILE : speedMps * 3.6;
export const speedUnit = (units: UnitSystem) => (units === "imperial" ? "mph" : "km/h");

/** Riding speed: "28.4 km/h", "17.6 mph". */
export function formatSpeed(speedMps: number | null, units: UnitSystem): string {
  return speedMps == null ? "—" : `${speedValue(speedMps, units).toFixed(1)} ${speedUnit(units)}`;
}

/** Climbing, in whole metres or feet. */
export function formatElevation(meters: number | null, units: UnitSystem): string {
  if (meters == null) return "—";
  return units === "imperial"
    ? `${Math.round(meters / METERS_PER_FOOT).toLocaleString("en-US")} ft`
    : `${Math.round(meters).toLocaleString("en-US")} m`;
}

const KG_PER_LB = 0.45359237;

/** A weigh-in: "71.4 kg", "157.4 lb". */
export function formatWeight(kg: number | null, units: UnitSystem): string {
  if (kg == null) return "—";
  return units === "imperial" ? `${(kg / KG_PER_LB).toFixed(1)} lb` : `${kg.toFixed(1)} kg`;
}

/** A person's height: "178 cm", "5 ft 10 in". */
export function formatHeight(meters: number, units: UnitSystem): string {
  if (units === "metric") return `${Math.round(meters * 100)} cm`;
  const inches = Math.round(meters / 0.0254);
  return `${Math.floor(inches / 12)} ft ${inches % 12} in`;
}

export const formatHeartRate = (bpm: number | null) => (bpm == null ? "—" : `${Math.round(bpm)} bpm`);
export const formatEnergy = (kcal: number | null) =>
  kcal == null ? "—" : `${Math.round(kcal).toLocaleString("en-US")} kcal`;
export const formatPower = (watts: number | null) => (watts == null ? "—" : `${Math.round(watts)} W`);

/** "UTC+05:30", "UTC−03:00", "UTC" for an offset of zero. */
export function formatUtcOffset(offsetSeconds: number): string {
  if (offsetSeconds === 0) return "UTC";
  const minutes = Math.round(Math.abs(offsetSeconds) / 60);
  return `UTC${offsetSeconds < 0 ? "\u2212" : "+"}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * The wall-clock date and time where the activity happened, e.g. "Friday 20 November 2026,
 * 07:00 (UTC+01:00)". Without an offset it is shown in UTC and says so, rather than in the
 * server's zone, which is nobody's; pages pass the person's own zone's offset instead.
 * Spelled out by hand: Intl's punctuation for the same options differs between ICU versions.
 */
export function formatLocalDateTime(instant: Date, offsetSeconds: number | null): string {
  const local = new Date(instant.getTime() + (offsetSeconds ?? 0) * 1000);
  const time = `${String(local.getUTCHours()).padStart(2, "0")}:${String(local.getUTCMinutes()).padStart(2, "0")}`;
  const date = `${WEEKDAYS[local.getUTCDay()]} ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()}`;
  return `${date}, ${time} (${formatUtcOffset(offsetSeconds ?? 0)})`;
}
