import { describe, expect, it } from "vitest";
import { decodePolyline } from "./polyline";
import { trackPolyline } from "./track-polyline";

describe("trackPolyline", () => {
  it("keeps a straight track's ends and drops the points in between", () => {
    const straight = Array.from({ length: 1000 }, (_, i) => ({ lat: 52.5 + i * 0.00001, lon: 13.4 }));
    const decoded = decodePolyline(trackPolyline(straight)!);
    expect(decoded).toEqual([
      [52.5, 13.4],
      [52.50999, 13.4],
    ]);
  });

  it("keeps the corners of a route", () => {
    const square = [
      ...Array.from({ length: 100 }, (_, i) => ({ lat: 52.5, lon: 13.4 + i * 0.0001 })),
      ...Array.from({ length: 100 }, (_, i) => ({ lat: 52.5 + i * 0.0001, lon: 13.4099 })),
    ];
    const decoded = decodePolyline(trackPolyline(square)!);
    expect(decoded).toHaveLength(3);
    expect(decoded[1]).toEqual([52.5, 13.4099]);
  });

  it("skips points without a valid position and gives null when none is left", () => {
    expect(trackPolyline([{}, { lat: 91, lon: 0 }, { lat: Number.NaN, lon: 1 }])).toBeNull();
    expect(decodePolyline(trackPolyline([{ lat: 1, lon: 2 }, {}, { lat: 1.001, lon: 2 }])!)).toEqual([
      [1, 2],
      [1.001, 2],
    ]);
  });
});
