/** A point of a time series: seconds since the activity started, and the value. */
export interface SeriesPoint {
  t: number;
  v: number;
}

/**
 * Largest-Triangle-Three-Buckets: keeps `target` points chosen so that the drawn line keeps
 * its peaks and dips, which averaging would flatten (a sprint's heart-rate spike stays).
 * Points must be sorted by time. The first and last points always stay.
 */
export function downsample(points: SeriesPoint[], target: number): SeriesPoint[] {
  if (target < 3 || points.length <= target) return points.slice();
  const out: SeriesPoint[] = [points[0]!];
  const bucketSize = (points.length - 2) / (target - 2);
  let previous = points[0]!;
  for (let bucket = 0; bucket < target - 2; bucket++) {
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    // The next bucket's average is the third corner of the triangle.
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, points.length);
    let avgT = 0;
    let avgV = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgT += points[i]!.t;
      avgV += points[i]!.v;
    }
    const count = Math.max(nextEnd - nextStart, 1);
    avgT /= count;
    avgV /= count;
    let chosen = points[start]!;
    let largest = -1;
    for (let i = start; i < end; i++) {
      const point = points[i]!;
      const area = Math.abs(
        (previous.t - avgT) * (point.v - previous.v) - (previous.t - point.t) * (avgV - previous.v),
      );
      if (area > largest) {
        largest = area;
        chosen = point;
      }
    }
    out.push(chosen);
    previous = chosen;
  }
  out.push(points[points.length - 1]!);
  return out;
}
