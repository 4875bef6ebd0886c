import { describe, expect, it } from "vitest";
import { answerRange, rangeResponseInit } from "./byte-range";

const etag = '"abc"';
const ask = (range: string | null, size = 100, ifRange?: string) =>
  answerRange(new Headers({ ...(range ? { range } : {}), ...(ifRange ? { "if-range": ifRange } : {}) }), {
    size,
    etag,
  });

describe("byte ranges", () => {
  it("serves a tail from N, a slice N-M and a suffix -K", () => {
    expect(ask("bytes=10-")).toEqual({ kind: "partial", start: 10, end: 99 });
    expect(ask("bytes=10-19")).toEqual({ kind: "partial", start: 10, end: 19 });
    expect(ask("bytes=90-500")).toEqual({ kind: "partial", start: 90, end: 99 });
    expect(ask("bytes=-5")).toEqual({ kind: "partial", start: 95, end: 99 });
    expect(ask("bytes=-500")).toEqual({ kind: "partial", start: 0, end: 99 });
  });

  it("answers 416 for a start past the end, an empty suffix, or any range of an empty body", () => {
    expect(ask("bytes=100-")).toEqual({ kind: "unsatisfiable" });
    expect(ask("bytes=-0")).toEqual({ kind: "unsatisfiable" });
    expect(ask("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    const init = rangeResponseInit({ kind: "unsatisfiable" }, 100);
    expect(init.status).toBe(416);
    expect(init.headers.get("content-range")).toBe("bytes */100");
  });

  it("sends everything for no range, several ranges, other units, nonsense or a stale If-Range", () => {
    for (const range of [null, "bytes=0-1,5-6", "items=0-1", "bytes=abc", "bytes=20-10", "bytes=-"]) {
      expect(ask(range)).toEqual({ kind: "full" });
    }
    expect(ask("bytes=10-", 100, '"other"')).toEqual({ kind: "full" });
    expect(ask("bytes=10-", 100, "Wed, 21 Oct 2015 07:28:00 GMT")).toEqual({ kind: "full" });
    expect(ask("bytes=10-", 100, etag)).toEqual({ kind: "partial", start: 10, end: 99 });
  });

  it("states the slice and its length on a 206", () => {
    const init = rangeResponseInit({ kind: "partial", start: 10, end: 19 }, 100);
    expect(init.status).toBe(206);
    expect(Object.fromEntries(init.headers)).toEqual({
      "accept-ranges": "bytes",
      "content-range": "bytes 10-19/100",
      "content-length": "10",
    });
  });
});
