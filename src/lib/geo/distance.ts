import type { LatLon } from "./polyline";

const EARTH_RADIUS_M = 6_371_008.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine): close enough for a route's length. */
export function haversineMetres([lat1, lon1]: LatLon, [lat2, lon2]: LatLon): number {
  const dLat = radians(lat2 - lat1);
  const dLon = radians(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Metres from the first point to each point along the path. */
export function cumulativeDistances(points: readonly LatLon[]): number[] {
  const out: number[] = [];
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    if (i > 0) total += haversineMetres(points[i - 1]!, points[i]!);
    out.push(total);
  }
  return out;
}
