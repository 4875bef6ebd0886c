import type { LatLon } from "./polyline";

export type XY = [x: number, y: number];

export interface ProjectedRoute {
  points: XY[];
  width: number;
  height: number;
}

// A loop, not Math.min(...values): a long route has more points than a call takes arguments.
function extent(values: number[]): [min: number, max: number] {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return [min, max];
}

/**
 * Fits a route into a box no larger than `maxWidth` × `maxHeight`, keeping its shape:
 * equirectangular, with longitude shrunk by cos(latitude) at the route's middle, which is
 * true enough over the few kilometres of one activity. North is up. The box takes the
 * route's own aspect, so a long east-west ride is not drawn in a square.
 */
export function projectRoute(
  route: LatLon[],
  options: { maxWidth: number; maxHeight: number; padding: number },
): ProjectedRoute | null {
  if (route.length === 0) return null;
  const [minLat, maxLat] = extent(route.map(([lat]) => lat));
  const lonScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const flat = route.map(([lat, lon]): XY => [lon * lonScale, -lat]);
  const [minX, maxX] = extent(flat.map(([x]) => x));
  const [minY, maxY] = extent(flat.map(([, y]) => y));
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const { maxWidth, maxHeight, padding } = options;
  const innerWidth = maxWidth - 2 * padding;
  const innerHeight = maxHeight - 2 * padding;
  // A single point (or a treadmill's jitter) has no span: centre it instead of dividing by zero.
  const scale =
    spanX === 0 && spanY === 0
      ? 1
      : Math.min(spanX ? innerWidth / spanX : Infinity, spanY ? innerHeight / spanY : Infinity);
  const width = Math.max(spanX * scale, 1) + 2 * padding;
  const height = Math.max(spanY * scale, 1) + 2 * padding;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    points: flat.map(([x, y]): XY => [round(padding + (x - minX) * scale), round(padding + (y - minY) * scale)]),
    width: round(width),
    height: round(height),
  };
}
