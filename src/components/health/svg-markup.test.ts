import { describe, expect, it } from "vitest";
import { element, escapeMarkup } from "./svg-markup";

describe("chart markup", () => {
  it("escapes every character that could end an attribute or open a tag", () => {
    expect(escapeMarkup(`<script>alert("x" & 'y')</script>`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
    );
  });

  it("writes attributes escaped, leaves out the missing ones, and nests markup as given", () => {
    const markup = element(
      "use",
      { href: "#hrv-circle", x: "1.5%", "data-value": 67, "data-label": `Ana's "Watch"`, hidden: undefined, y: null },
      `<title>${escapeMarkup("Watch <1>: 67 ms")}</title>`,
    );
    expect(markup).toBe(
      `<use href="#hrv-circle" x="1.5%" data-value="67" data-label="Ana&#39;s &quot;Watch&quot;"><title>Watch &lt;1&gt;: 67 ms</title></use>`,
    );
  });
});
