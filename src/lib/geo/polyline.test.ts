import { describe, expect, it } from "vitest";
import { routePolyline } from "@/lib/ingest/health-auto-export/route-polyline";
import { decodePolyline, encodePolyline } from "./polyline";

describe("decodePolyline", () => {
  it("decodes Google's documented example", () => {
    expect(decodePolyline("_p~iF~ps|U_ulLnnqC_mqNvxq`@")).toEqual([
      [38.5, -120.2],
      [40.7, -120.95],
      [43.252, -126.453],
    ]);
  });

  it("reads back what the Health Auto Export ingest encodes, signs and all", () => {
    const route = [
      { latitude: -33.85678, longitude: 151.21526 },
      { latitude: -33.85701, longitude: 151.21499 },
      { latitude: 51.50073, longitude: -0.12463 },
      { latitude: 0, longitude: 0 },
    ];
    expect(decodePolyline(routePolyline(route)!)).toEqual(route.map((point) => [point.latitude, point.longitude]));
  });

  it("encodes Google's documented example", () => {
    expect(
      encodePolyline([
        [38.5, -120.2],
        [40.7, -120.95],
        [43.252, -126.453],
      ]),
    ).toBe("_p~iF~ps|U_ulLnnqC_mqNvxq`@");
    expect(encodePolyline([[38.5, -120.2]], 6)).toBe("_izlhA~rlgdF");
  });

  it("honours another precision", () => {
    // Precision 6, as OSRM and Valhalla write: 38.5 → 38500000.
    expect(decodePolyline("_izlhA~rlgdF", 6)).toEqual([[38.5, -120.2]]);
  });

  it("keeps the points before a truncated or corrupt tail instead of throwing", () => {
    expect(decodePolyline("_p~iF~ps|U_ulL")).toEqual([[38.5, -120.2]]);
    expect(decodePolyline("_p~iF~ps|U\u0001\u0002")).toEqual([[38.5, -120.2]]);
    expect(decodePolyline("")).toEqual([]);
  });
});
