/** What to send for a Range header, against a body of known size. */
export type RangeAnswer =
  { kind: "full" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads a Range header (RFC 9110 §14.2) for a body of `size` bytes whose entity tag is `etag`.
 * One range is honoured (`N-`, `N-M`, `-K`); several ranges, another unit or a malformed header
 * are ignored and get the whole body, as the RFC allows. An If-Range naming another tag (or a
 * date, which we never send) means the caller's copy is stale: the whole body again.
 */
export function answerRange(headers: Headers, params: { size: number; etag: string }): RangeAnswer {
  const range = headers.get("range")?.trim();
  if (!range) return { kind: "full" };
  const ifRange = headers.get("if-range")?.trim();
  if (ifRange && ifRange !== params.etag) return { kind: "full" };
  const match = SINGLE_RANGE.exec(range.replace(/\s+/g, ""));
  if (!match) return { kind: "full" };
  const [, first = "", last = ""] = match;
  const { size } = params;
  if (first === "") {
    if (last === "") return { kind: "full" };
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== "" && Number(last) < start) return { kind: "full" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end };
}

/** The status and headers that go with an answer; the caller sends the matching bytes. */
export function rangeResponseInit(answer: RangeAnswer, size: number): { status: number; headers: Headers } {
  const headers = new Headers({ "accept-ranges": "bytes" });
  if (answer.kind === "unsatisfiable") {
    headers.set("content-range", `bytes */${size}`);
    return { status: 416, headers };
  }
  if (answer.kind === "partial") {
    headers.set("content-range", `bytes ${answer.start}-${answer.end}/${size}`);
    headers.set("content-length", String(answer.end - answer.start + 1));
    return { status: 206, headers };
  }
  headers.set("content-length", String(size));
  return { status: 200, headers };
}
