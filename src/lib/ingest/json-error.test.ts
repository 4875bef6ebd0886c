import { describe, expect, it } from "vitest";
import { describeBodyPosition } from "./json-error";
import { JsonSplitter, JsonSyntaxError } from "./json-stream/json-splitter";

/** What the ingest path says about a malformed body: the splitter's reason and place. */
const failure = (text: string) => {
  const body = Buffer.from(text);
  try {
    const splitter = new JsonSplitter({ select: () => "descend", value: () => {} });
    splitter.write(body);
    splitter.end();
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return `${error.reason} at ${describeBodyPosition(body, error.position)}`;
  }
  throw new Error("parsed");
};

describe("JSON error positions", () => {
  it("points at the offending character", () => {
    expect(failure('{"data": {"metrics": [}')).toMatch(/at position 22 \(line 1, column 23\)/);
  });

  it("counts lines and columns", () => {
    expect(failure('{\n  "data": x\n}')).toMatch(/at position 12 \(line 2, column 11\)/);
  });

  it("places a truncated body at its end", () => {
    expect(failure('{"data": [1, 2')).toMatch(/at position 14 \(line 1, column 15\)/);
  });
});
