import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildFitActivity, buildGpx, buildTcx } from "@tests/fixtures/activity-files";
import { sniffFormat } from "./sniff";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("sniffFormat", () => {
  it("knows a FIT file by .FIT at bytes 8-11", () => {
    expect(sniffFormat(buildFitActivity({ seconds: 10 }))).toBe("fit");
    expect(sniffFormat(buildFitActivity({ seconds: 10 }).subarray(0, 12))).toBe("fit");
  });

  it("knows gzip and zip containers by their magic bytes", () => {
    expect(sniffFormat(gzipSync(buildFitActivity({ seconds: 10 })))).toBe("gzip");
    expect(sniffFormat(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]))).toBe("zip");
  });

  it("knows GPX and TCX by their root element", () => {
    expect(sniffFormat(bytes(buildGpx({ seconds: 5 })))).toBe("gpx");
    expect(sniffFormat(bytes(buildTcx({ seconds: 5 })))).toBe("tcx");
    expect(sniffFormat(bytes(`<gpx version="1.1"/>`))).toBe("gpx");
  });

  it("looks past a byte-order mark, comments, a doctype and a namespace prefix", () => {
    const head = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- exported by Strava -->\n<!DOCTYPE gpx>\n`;
    expect(sniffFormat(bytes(`${head}<gpx:gpx xmlns:gpx="http://www.topografix.com/GPX/1/1">`))).toBe("gpx");
    expect(sniffFormat(bytes(`${head}<tcd:TrainingCenterDatabase xmlns:tcd="x">`))).toBe("tcx");
  });

  it("answers null for anything else", () => {
    expect(sniffFormat(bytes(`<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"/>`))).toBeNull();
    expect(sniffFormat(bytes("<!doctype html><html><body>gpx</body></html>"))).toBeNull();
    expect(sniffFormat(bytes("time,lat,lon\n2024-01-01T00:00:00Z,1,2\n"))).toBeNull();
    // Deterministic noise: a linear congruential sequence, never starting with a magic number.
    let seed = 12345;
    const noise = Uint8Array.from({ length: 256 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    expect(sniffFormat(noise)).toBeNull();
    expect(sniffFormat(new Uint8Array(0))).toBeNull();
    expect(sniffFormat(Uint8Array.from([0x1f]))).toBeNull();
  });
});
