/** A point as [latitude, longitude] in degrees. */
export type LatLon = [lat: number, lon: number];

/**
 * Decodes Google's encoded polyline format (precision 5 unless told otherwise): what Strava's
 * `summary_polyline` holds and what the Health Auto Export ingest writes. A truncated string
 * yields the points decoded before the break instead of throwing, so one bad row never
 * takes the page down.
 */
export function decodePolyline(encoded: string, precision = 5): LatLon[] {
  const factor = 10 ** precision;
  const points: LatLon[] = [];
  let index = 0;
  let lat = 0;
  let lon = 0;

  const readNumber = (): number | undefined => {
    let result = 0;
    let shift = 0;
    while (index < encoded.length) {
      const chunk = encoded.charCodeAt(index++) - 63;
      if (chunk < 0 || chunk > 63) return undefined;
      result |= (chunk & 0x1f) << shift;
      shift += 5;
      if (chunk < 0x20) return result & 1 ? ~(result >> 1) : result >> 1;
      // Past 32 bits the shift wraps: no valid coordinate needs that many chunks.
      if (shift > 30) return undefined;
    }
    return undefined;
  };

  while (index < encoded.length) {
    const dLat = readNumber();
    const dLon = dLat === undefined ? undefined : readNumber();
    if (dLat === undefined || dLon === undefined) break;
    lat += dLat;
    lon += dLon;
    points.push([lat / factor, lon / factor]);
  }
  return points;
}

function encodeNumber(value: number): string {
  let rest = value < 0 ? ~(value << 1) : value << 1;
  let out = "";
  while (rest >= 0x20) {
    out += String.fromCharCode((0x20 | (rest & 0x1f)) + 63);
    rest >>= 5;
  }
  return out + String.fromCharCode(rest + 63);
}

/** Encodes points in Google's polyline format, the inverse of decodePolyline. */
export function encodePolyline(points: Iterable<LatLon>, precision = 5): string {
  const factor = 10 ** precision;
  let out = "";
  let previous = [0, 0];
  for (const [lat, lon] of points) {
    const point = [Math.round(lat * factor), Math.round(lon * factor)];
    out += encodeNumber(point[0]! - previous[0]!) + encodeNumber(point[1]! - previous[1]!);
    previous = point;
  }
  return out;
}
