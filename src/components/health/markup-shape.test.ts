import { describe, expect, it } from "vitest";
import { fillShape, markupShape, raw, slot } from "./markup-shape";

describe("markup shapes", () => {
  it("fills each row's values into the shape, escaped, with literal values escaped once at build", () => {
    const label = `Ana's "Watch"`;
    const mark = markupShape`<use x="${slot("x")}%" data-value="${slot("value")}"><title>${label}: ${slot("shown")}</title></use>`;
    const rows = [
      mark.row({ x: "1.500", value: 67, shown: "67 ms" }),
      mark.row({ x: "2", value: 3, shown: "<3> & more" }),
    ];
    expect(fillShape(mark.template, rows)).toBe(
      `<use x="1.500%" data-value="67"><title>Ana&#39;s &quot;Watch&quot;: 67 ms</title></use>` +
        `<use x="2%" data-value="3"><title>Ana&#39;s &quot;Watch&quot;: &lt;3&gt; &amp; more</title></use>`,
    );
  });

  it("sends a slot used twice once per row, and joins nested shapes' slots by name", () => {
    const bars = ["a", "b"].map((key) => markupShape`<rect x="${slot("x")}" height="${slot(`${key}H`)}"></rect>`);
    const group = markupShape`<g data-x="${slot("x")}">${bars}</g>`;
    expect(group.names).toEqual(["x", "aH", "bH"]);
    const row = group.row({ x: "5", aH: "1", bH: "0" });
    expect(row).toEqual(["5", "1", "0"]);
    expect(fillShape(group.template, [row])).toBe(
      `<g data-x="5"><rect x="5" height="1"></rect><rect x="5" height="0"></rect></g>`,
    );
  });

  it("takes raw markup as it is and an empty row list as no markup", () => {
    const cell = markupShape`<td>${slot("text")}${slot("extra")}</td>`;
    const row = cell.row({ text: "a<b", extra: raw("<span>also</span>") });
    expect(fillShape(cell.template, [row])).toBe("<td>a&lt;b<span>also</span></td>");
    expect(fillShape(cell.template, [])).toBe("");
  });
});
