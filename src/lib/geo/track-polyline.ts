import { encodePolyline, type LatLon } from "./polyline";
import type { XY } from "./project";
import { simplifyPath } from "./simplify";

const EARTH_RADIUS_M = 6_371_008.8;
const RADIANS = Math.PI / 180;

/**
 * A recorded track as an encoded polyline (precision 5, as Strava's summary_polyline), thinned
 * to the points that change its shape by more than `toleranceM` metres. A 1 Hz watch records
 * thousands of points an hour; the route drawing needs a few hundred, and the file keeps them all.
 * Null when the track has no valid position.
 */
export function trackPolyline(track: Iterable<{ lat?: number; lon?: number }>, toleranceM = 2): string | null {
  const points: LatLon[] = [];
  for (const { lat, lon } of track) {
    if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    points.push([lat, lon]);
  }
  if (points.length === 0) return null;
  // Metres on a plane through the first point: over one activity's extent the error is far
  // below the tolerance, and it keeps the simplification in units a person can judge.
  const scaleX = EARTH_RADIUS_M * Math.cos(points[0]![0] * RADIANS) * RADIANS;
  const scaleY = EARTH_RADIUS_M * RADIANS;
  const planar = points.map(([lat, lon]): XY => [lon * scaleX, lat * scaleY]);
  const kept = new Set(simplifyPath(planar, toleranceM));
  return encodePolyline(points.filter((_, i) => kept.has(planar[i]!)));
}
