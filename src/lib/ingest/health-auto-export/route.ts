import { haeRoutePointSchema } from "./schemas";

function encodeNumber(value: number): string {
  let rest = value < 0 ? ~(value << 1) : value << 1;
  let out = "";
  while (rest >= 0x20) {
    out += String.fromCharCode((0x20 | (rest & 0x1f)) + 63);
    rest >>= 5;
  }
  return out + String.fromCharCode(rest + 63);
}

/**
 * A workout route as an encoded polyline (precision 5, as Strava's summary_polyline), so the
 * thousands of route points never go into `raw`. v2 names the fields latitude/longitude, v1 lat/lon.
 */
export function routePolyline(route: Array<Record<string, unknown>> | undefined): string | null {
  if (!route) return null;
  let out = "";
  let previous = [0, 0];
  let count = 0;
  for (const raw of route) {
    const parsed = haeRoutePointSchema.safeParse(raw);
    if (!parsed.success) continue;
    const lat = parsed.data.latitude ?? parsed.data.lat;
    const lon = parsed.data.longitude ?? parsed.data.lon;
    if (lat === undefined || lon === undefined || Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    const point = [Math.round(lat * 1e5), Math.round(lon * 1e5)];
    out += encodeNumber(point[0]! - previous[0]!) + encodeNumber(point[1]! - previous[1]!);
    previous = point;
    count++;
  }
  return count > 0 ? out : null;
}
