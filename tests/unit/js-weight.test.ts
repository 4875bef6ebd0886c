import { describe, expect, it } from "vitest";
import { findScriptUrls } from "../../bench/dashboard-js-weight";

describe("the JavaScript a page makes a browser download", () => {
  it("counts module scripts and chunks named in the flight data, not noModule polyfills", () => {
    const html = [
      '<script src="/_next/static/chunks/polyfills-42.js" noModule=""></script>',
      '<script src="/_next/static/chunks/webpack-1.js?dpl=x" async=""></script>',
      '<script src="/_next/static/chunks/main-app-2.js" async=""></script>',
      '<script>self.__next_f.push([1,"3:I[\\"/_next/static/chunks/app/page-3.js\\"]"])</script>',
    ].join("");
    expect(findScriptUrls(html)).toEqual([
      "/_next/static/chunks/app/page-3.js",
      "/_next/static/chunks/main-app-2.js",
      "/_next/static/chunks/webpack-1.js",
    ]);
  });
});
