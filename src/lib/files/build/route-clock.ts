import { cumulativeDistances } from "@/lib/geo/distance";
import type { LatLon } from "@/lib/geo/polyline";

export interface RoutePosition {
  lat: number;
  lon: number;
  /** Share of the route's length covered, 0 to 1. */
  fraction: number;
}

/**
 * Where along a route the athlete was at each moment, when all we have is the route's shape
 * (a polyline) and the activity's duration: no GPS samples are stored, so the route is spread
 * over the duration at an even speed. Pauses and hills are invisible to it; the start, the
 * finish and the path itself are right, which is what a map, a segment matcher or a GPX
 * consumer needs from a generated file.
 */
export class RouteClock {
  /** Seconds from the start at which each route point is passed. */
  readonly vertexOffsets: number[];
  readonly lengthM: number;
  private readonly fractions: number[];

  constructor(
    readonly points: readonly LatLon[],
    durationS: number,
  ) {
    const distances = cumulativeDistances(points);
    this.lengthM = distances.at(-1) ?? 0;
    const last = Math.max(points.length - 1, 1);
    // A route of one repeated point has no length: spread its points by index instead.
    this.fractions = distances.map((distance, i) => (this.lengthM > 0 ? distance / this.lengthM : i / last));
    this.vertexOffsets = this.fractions.map((fraction) => fraction * durationS);
  }

  /** The interpolated position `offsetS` seconds in (clamped to the route's ends). */
  at(offsetS: number): RoutePosition {
    const offsets = this.vertexOffsets;
    const lastIndex = offsets.length - 1;
    if (offsetS <= offsets[0]!) return this.vertex(0);
    if (offsetS >= offsets[lastIndex]!) return this.vertex(lastIndex);
    // The last vertex passed at or before offsetS.
    let low = 0;
    let high = lastIndex;
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (offsets[middle]! <= offsetS) low = middle;
      else high = middle;
    }
    const span = offsets[high]! - offsets[low]!;
    const t = span > 0 ? (offsetS - offsets[low]!) / span : 0;
    const [latA, lonA] = this.points[low]!;
    const [latB, lonB] = this.points[high]!;
    return {
      lat: latA + (latB - latA) * t,
      lon: lonA + (lonB - lonA) * t,
      fraction: this.fractions[low]! + (this.fractions[high]! - this.fractions[low]!) * t,
    };
  }

  private vertex(index: number): RoutePosition {
    const [lat, lon] = this.points[index]!;
    return { lat, lon, fraction: this.fractions[index]! };
  }
}
