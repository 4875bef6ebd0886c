import type { XY } from "./project";

function distanceToSegment([px, py]: XY, [ax, ay]: XY, [bx, by]: XY): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// RDP is quadratic on a path that zigzags at every point; past this many points the path
// is thinned evenly first, which at a few hundred pixels wide nobody can see.
const MAX_POINTS_FOR_RDP = 4000;

/** Drops each point closer than `tolerance` to the last one kept: linear, and most of a dense GPS track. */
function dropNearPoints(points: XY[], tolerance: number): XY[] {
  const kept: XY[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) {
    const [x, y] = points[i]!;
    const [lastX, lastY] = kept[kept.length - 1]!;
    if (Math.hypot(x - lastX, y - lastY) >= tolerance) kept.push(points[i]!);
  }
  kept.push(points[points.length - 1]!);
  return kept;
}

function thinEvenly(points: XY[], max: number): XY[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]!);
}

/**
 * Ramer–Douglas–Peucker: drops points that lie within `tolerance` of the line through their
 * neighbours. A phone's route can hold tens of thousands of points; drawn a few hundred
 * pixels wide, most of them add bytes and nothing visible. Iterative, so no route is long
 * enough to overflow the stack. First and last points always stay.
 */
export function simplifyPath(input: XY[], tolerance: number): XY[] {
  if (input.length <= 2) return input.slice();
  const points = thinEvenly(dropNearPoints(input, tolerance), MAX_POINTS_FOR_RDP);
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const distance = distanceToSegment(points[i]!, points[first]!, points[last]!);
      if (distance > farthestDistance) {
        farthest = i;
        farthestDistance = distance;
      }
    }
    if (farthest === -1) continue;
    keep[farthest] = 1;
    stack.push([first, farthest], [farthest, last]);
  }
  return points.filter((_, i) => keep[i] === 1);
}
