import type { TrackPoint } from "../types";

/** A day at 1 Hz is 86,400 points; past this a file is more likely hostile than long, so the rest is dropped. */
export const MAX_POINTS = 200_000;

const EARTH_RADIUS_M = 6_371_008.8;
// Barometric and GPS altitude wobble by a metre or two at rest; smaller rises are not climbing.
const ELEVATION_NOISE_M = 2;
// Point-to-point GPS speed spikes on jitter; the fastest speed is taken over at least this long.
const MAX_SPEED_WINDOW_S = 5;

export const isValidPosition = (lat: number, lon: number) =>
  Number.isFinite(lat) && Number.isFinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;

export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** What a file's points say about the whole activity, for files (GPX, damaged FIT) with no summary of their own. */
export interface PointsSummary {
  durationS: number | null;
  distanceM: number | null;
  elevationGainM: number | null;
  avgHeartRateBpm: number | null;
  maxHeartRateBpm: number | null;
  avgSpeedMps: number | null;
  maxSpeedMps: number | null;
  avgPowerW: number | null;
  avgCadence: number | null;
}

const mean = (values: number[]) => (values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : null);
const max = (values: number[]) => (values.length ? values.reduce((m, v) => (v > m ? v : m), -Infinity) : null);
const present = (values: (number | undefined)[]) => values.filter((v): v is number => v !== undefined);

/** Cumulative metres along the points: the device's own count where it kept one, else great-circle steps. */
export function cumulativeDistances(points: TrackPoint[]): (number | null)[] {
  const out: (number | null)[] = [];
  let total = 0;
  let counted = false;
  let last: TrackPoint | undefined;
  for (const point of points) {
    if (point.distanceM !== undefined) {
      total = point.distanceM;
      counted = true;
    } else if (point.lat !== undefined && point.lon !== undefined) {
      if (last) total += haversineM(last.lat!, last.lon!, point.lat, point.lon!);
      counted = true;
    }
    if (point.lat !== undefined && point.lon !== undefined) last = point;
    out.push(counted ? total : null);
  }
  return out;
}

export function elevationGainM(points: TrackPoint[]): number | null {
  let reference: number | undefined;
  let gain = 0;
  for (const { altitudeM } of points) {
    if (altitudeM === undefined) continue;
    if (reference === undefined || altitudeM <= reference - ELEVATION_NOISE_M) reference = altitudeM;
    else if (altitudeM >= reference + ELEVATION_NOISE_M) {
      gain += altitudeM - reference;
      reference = altitudeM;
    }
  }
  return reference === undefined ? null : gain;
}

function maxSpeedMps(points: TrackPoint[], distances: (number | null)[]): number | null {
  const recorded = max(present(points.map((p) => p.speedMps)));
  if (recorded !== null) return recorded;
  let best: number | null = null;
  let from = 0;
  for (let to = 1; to < points.length; to++) {
    // Slide `from` forward while the window stays at least MAX_SPEED_WINDOW_S long.
    while (
      from + 1 < to &&
      (points[to]!.time.getTime() - points[from + 1]!.time.getTime()) / 1000 >= MAX_SPEED_WINDOW_S
    )
      from++;
    const seconds = (points[to]!.time.getTime() - points[from]!.time.getTime()) / 1000;
    const a = distances[from];
    const b = distances[to];
    if (seconds < MAX_SPEED_WINDOW_S || a == null || b == null) continue;
    const speed = (b - a) / seconds;
    if (best === null || speed > best) best = speed;
  }
  return best;
}

export function summarizePoints(points: TrackPoint[]): PointsSummary {
  const first = points[0];
  const last = points.at(-1);
  const durationS = first && last ? (last.time.getTime() - first.time.getTime()) / 1000 : null;
  const distances = cumulativeDistances(points);
  const distanceM = distances.at(-1) ?? null;
  const heartRates = present(points.map((p) => p.heartRateBpm));
  return {
    durationS,
    distanceM,
    elevationGainM: elevationGainM(points),
    avgHeartRateBpm: mean(heartRates),
    maxHeartRateBpm: max(heartRates),
    avgSpeedMps: distanceM !== null && durationS ? distanceM / durationS : null,
    maxSpeedMps: maxSpeedMps(points, distances),
    avgPowerW: mean(present(points.map((p) => p.powerW))),
    avgCadence: mean(present(points.map((p) => p.cadence))),
  };
}
