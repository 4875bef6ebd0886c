import { describe, expect, it } from "vitest";
import { describeJsonError } from "./json-error";

const failure = (text: string) => {
  try {
    JSON.parse(text);
  } catch (error) {
    return describeJsonError(error as SyntaxError, text);
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
    expect(failure('{"data": [1, 2')).toMatch(/at position 14/);
  });
});
