import { describe, expect, it } from "vitest";
import { projectRoute } from "./project";
import { simplifyPath } from "./simplify";

describe("projectRoute", () => {
  const box = { maxWidth: 1000, maxHeight: 600, padding: 20 };

  it("puts north up and east right, inside the padded box", () => {
    const projected = projectRoute(
      [
        [52.0, 13.0],
        [52.01, 13.0],
        [52.01, 13.02],
      ],
      box,
    )!;
    const [start, north, northEast] = projected.points;
    expect(north![1]).toBeLessThan(start![1]);
    expect(northEast![0]).toBeGreaterThan(north![0]);
    for (const [x, y] of projected.points) {
      expect(x).toBeGreaterThanOrEqual(20);
      expect(x).toBeLessThanOrEqual(projected.width - 20);
      expect(y).toBeGreaterThanOrEqual(20);
      expect(y).toBeLessThanOrEqual(projected.height - 20);
    }
  });

  it("shrinks longitude by cos(latitude), so a square block stays square far from the equator", () => {
    // 0.01° of latitude and 0.01°/cos(60°) = 0.02° of longitude are the same ground distance.
    const projected = projectRoute(
      [
        [60, 10],
        [60.01, 10],
        [60.01, 10.02],
        [60, 10.02],
      ],
      box,
    )!;
    expect(projected.width - 40).toBeCloseTo(projected.height - 40, 0);
  });

  it("takes the route's own aspect: a long east-west line is wide and flat", () => {
    const projected = projectRoute(
      [
        [0, 0],
        [0.001, 0.1],
      ],
      box,
    )!;
    expect(projected.width).toBe(1000);
    expect(projected.height).toBeLessThan(100);
  });

  it("centres a route that never moved instead of dividing by zero", () => {
    const projected = projectRoute(
      [
        [48.1, 11.5],
        [48.1, 11.5],
      ],
      box,
    )!;
    expect(projected.points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true);
    expect(projectRoute([], box)).toBeNull();
  });
});

describe("simplifyPath", () => {
  it("drops points on a straight line and keeps corners and both ends", () => {
    const line = Array.from({ length: 101 }, (_, i): [number, number] => (i <= 50 ? [i, 0] : [50, i - 50]));
    expect(simplifyPath(line, 0.5)).toEqual([
      [0, 0],
      [50, 0],
      [50, 50],
    ]);
  });

  it("keeps a wiggle larger than the tolerance", () => {
    const path: Array<[number, number]> = [
      [0, 0],
      [5, 3],
      [10, 0],
    ];
    expect(simplifyPath(path, 1)).toHaveLength(3);
    expect(simplifyPath(path, 5)).toEqual([
      [0, 0],
      [10, 0],
    ]);
  });

  it("thins a long zigzag, its worst case, to a bounded number of points and keeps both ends", () => {
    const zigzag = Array.from({ length: 200_000 }, (_, i): [number, number] => [i, i % 2]);
    const simplified = simplifyPath(zigzag, 0.1);
    expect(simplified.length).toBeLessThanOrEqual(4000);
    expect(simplified[0]).toEqual([0, 0]);
    expect(simplified.at(-1)).toEqual([199_999, 1]);
  });

  it("collapses a dense track of points closer together than the tolerance", () => {
    const dense = Array.from({ length: 10_001 }, (_, i): [number, number] => [i / 100, Math.sin(i / 1000) * 10]);
    const simplified = simplifyPath(dense, 0.5);
    expect(simplified.length).toBeLessThan(100);
    expect(simplified.at(-1)).toEqual(dense.at(-1));
  });
});
