import { describe, expect, it } from "vitest";
import { toPgArrayLiteral } from "./pg-array";

describe("toPgArrayLiteral", () => {
  it("quotes every string, so commas, braces, quotes, backslashes and the word NULL survive", () => {
    expect(toPgArrayLiteral(["a,b", "{x}", 'say "hi"', "back\\slash", "NULL", ""])).toBe(
      '{"a,b","{x}","say \\"hi\\"","back\\\\slash","NULL",""}',
    );
  });

  it("writes numbers bare and missing values as NULL", () => {
    expect(toPgArrayLiteral([1.5, 2e-7, null, undefined, 0])).toBe("{1.5,2e-7,NULL,NULL,0}");
  });

  it("refuses a number Postgres could not read back as the same value", () => {
    expect(() => toPgArrayLiteral([Number.NaN])).toThrow(/NaN/);
  });
});
