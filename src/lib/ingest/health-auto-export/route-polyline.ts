import { encodePolyline, type LatLon } from "@/lib/geo/polyline";
import { haeRoutePointSchema } from "./schemas";

/**
 * A workout route as an encoded polyline (precision 5, as Strava's summary_polyline), so the
 * thousands of route points never go into `raw`. v2 names the fields latitude/longitude, v1 lat/lon.
 */
export function routePolyline(route: Array<Record<string, unknown>> | undefined): string | null {
  if (!route) return null;
  const points: LatLon[] = [];
  for (const raw of route) {
    const parsed = haeRoutePointSchema.safeParse(raw);
    if (!parsed.success) continue;
    const lat = parsed.data.latitude ?? parsed.data.lat;
    const lon = parsed.data.longitude ?? parsed.data.lon;
    if (lat === undefined || lon === undefined || Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    points.push([lat, lon]);
  }
  return points.length > 0 ? encodePolyline(points) : null;
}
