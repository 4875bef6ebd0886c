import { describe, expect, it } from "vitest";
import { JsonTooDeepError, MAX_JSON_DEPTH } from "./json-depth";
import { JsonSplitter, JsonSyntaxError, type PathSegment, type SplitAction } from "./json-splitter";

/** Feeds `text` in chunks of `size` bytes and records what the handler saw. */
function split(
  text: string,
  size: number,
  descend: (parent: readonly PathSegment[], key: PathSegment) => boolean | SplitAction,
) {
  const seen: Array<{ path: string; value?: unknown; closed?: true }> = [];
  const splitter = new JsonSplitter({
    select: (parent, key): SplitAction => {
      const action = descend(parent, key);
      return typeof action === "string" ? action : action ? "descend" : "emit";
    },
    value: (parent, key, value) => seen.push({ path: [...parent, key].join("."), value }),
    close: (path) => seen.push({ path: path.join("."), closed: true }),
  });
  const bytes = Buffer.from(text);
  for (let start = 0; start < bytes.length; start += size) splitter.write(bytes.subarray(start, start + size));
  splitter.end();
  return seen;
}

const EXPORT = JSON.stringify({
  data: {
    metrics: [
      {
        name: "heart_rate",
        units: "count/min",
        data: [
          { date: "2026-01-01 00:00:00 +0000", Avg: 61, note: 'a "quoted" \\ {brace} [x]' },
          { date: "2026-01-01 00:01:00 +0000", Avg: 62 },
        ],
      },
      { data: [], name: "step_count" },
    ],
    workouts: [{ id: "w1", route: [{ lat: 1.5, lon: -2 }] }],
  },
});
const descendToPoints = (parent: readonly PathSegment[], key: PathSegment) =>
  parent.length === 0 ||
  (parent.length === 1 && key === "metrics") ||
  parent.length === 2 ||
  (parent.length === 3 && key === "data");

describe("JsonSplitter", () => {
  it("hands over each point whole and the containers' fields one by one, whatever the chunk size", () => {
    const expected = split(EXPORT, EXPORT.length, descendToPoints);
    for (const size of [1, 2, 3, 7, 64]) expect(split(EXPORT, size, descendToPoints)).toEqual(expected);
    expect(
      expected
        .filter((event) => event.path.startsWith("data.metrics.0.data.") && !event.closed)
        .map((event) => event.value),
    ).toEqual(JSON.parse(EXPORT).data.metrics[0].data);
    expect(expected).toContainEqual({ path: "data.metrics.1.name", value: "step_count" });
    expect(expected).toContainEqual({ path: "data.workouts", value: JSON.parse(EXPORT).data.workouts });
    expect(expected.at(-1)).toEqual({ path: "", closed: true });
  });

  it("hands an emit-items array's items over exactly as emitting each one does, whatever the chunk size", () => {
    const points = [
      { date: "d1", qty: 1, note: 'a "quoted" \\ ] [x] {y}' },
      "text, with a comma",
      -1.5e3,
      null,
      [1, [2]],
      { date: "d2", qty: 2.25 },
      true,
      {},
    ];
    const text = JSON.stringify({ data: { points, tail: 1 } }, null, 1);
    const perItem = split(
      text,
      text.length,
      (parent, key) => parent.length < 2 || (key === "points" ? "descend" : false),
    );
    for (const size of [1, 2, 3, 7, 64, text.length])
      expect(split(text, size, (parent, key) => parent.length < 2 && (key === "points" ? "emit-items" : true))).toEqual(
        perItem,
      );
    expect(
      perItem.filter((event) => event.path.startsWith("data.points.") && !event.closed).map((event) => event.value),
    ).toEqual(points);
  });

  it.each([
    '{"p": [{"a": 1}, {"a": 2}, {"a": x}, {"a": 4}]}',
    '{"p": [{"a": 1}, {"a": 2},]}',
    '{"p": [{"a": 1} {"a": 2}]}',
    '{"p": [1, 2, tru, 4]}',
    '{"p": [{"a": 1}, {"a": "\\q"}]}',
  ])("reports a malformed item of an emit-items array as emitting each one does: %s", (text) => {
    const failure = (size: number, action: SplitAction) => {
      try {
        split(text, size, (parent) => (parent.length === 0 ? action : false));
      } catch (error) {
        return error;
      }
    };
    const expected = failure(text.length, "descend");
    expect(expected).toBeInstanceOf(JsonSyntaxError);
    for (const size of [1, 4, 100]) expect(failure(size, "emit-items")).toEqual(expected);
  });

  it("parses scalars, strings with escapes and nested values exactly as JSON.parse does", () => {
    const text = '{ "a": -1.5e3 , "b" : "x\\"y\\u00e9", "c": [true, null, {"d": []}], "e": false }';
    const seen = split(text, 5, () => false);
    expect(Object.fromEntries(seen.filter((event) => !event.closed).map((event) => [event.path, event.value]))).toEqual(
      JSON.parse(text),
    );
  });

  it.each([
    ['{"data": {"metrics": [}', 22],
    ['{"data": {"metrics": [{"name": x}]}}', 31],
    ['{"a" 1}', 5],
    ['{"a": 1,}', 8],
    ['{"a": [1, 2', 11],
    ['{"a": 1} x', 9],
  ])("names the byte position of malformed JSON: %s", (text, position) => {
    for (const size of [1, 4, 100]) {
      let caught: unknown;
      try {
        split(text, size, (parent) => parent.length < 2);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(JsonSyntaxError);
      expect((caught as JsonSyntaxError).position).toBe(position);
    }
  });

  it("refuses nesting deeper than the limit, naming the value that holds it, at any chunk size", () => {
    const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
    // The root and the array around the points count as two levels.
    const fits = `{"points": [{"extra": ${nested(MAX_JSON_DEPTH - 3)}}]}`;
    expect(() => split(fits, 7, (parent) => parent.length === 0)).not.toThrow();
    for (const size of [1, 7, 1 << 20]) {
      const text = `{"points": [{"date": 1}, {"extra": ${nested(100_000)}}]}`;
      // Position 96: the bracket that opens the 65th level, counting the root, the array and the point.
      expect(() => split(text, size, (parent) => parent.length === 0)).toThrow(
        expect.objectContaining({ path: "points[1]", position: 96 }),
      );
      expect(() => split(text, size, (parent) => parent.length === 0)).toThrow(JsonTooDeepError);
      expect(() => split(text, size, (parent) => parent.length < 2)).toThrow(
        "points[1].extra is nested deeper than 64 levels",
      );
    }
  });
});
