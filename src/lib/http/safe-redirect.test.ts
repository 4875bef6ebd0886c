import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

const ORIGIN = "https://qt.example";

describe("where to go after signing in", () => {
  it("keeps a path on our own origin, with its query and fragment", () => {
    expect(safeRedirectPath("/dashboard/activities?type=run#top", ORIGIN)).toBe("/dashboard/activities?type=run#top");
    expect(safeRedirectPath("https://qt.example/dashboard/health", ORIGIN)).toBe("/dashboard/health");
  });

  it.each([
    ["a backslash the browser reads as a second slash", "/\\evil.example/phish"],
    ["a tab the browser drops (from %09)", "/\t/evil.example"],
    ["a protocol-relative URL", "//evil.example"],
    ["a path that normalises to two slashes", "/.//evil.example"],
    ["another origin", "https://evil.example/dashboard"],
    ["our host over another scheme", "http://qt.example/dashboard"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a host with our name as its user", "https://qt.example@evil.example/"],
  ])("sends %s to the dashboard", (_case, value) => {
    expect(safeRedirectPath(value, ORIGIN)).toBe("/dashboard");
  });

  it("falls back to the dashboard for nothing, a list, or an empty value", () => {
    expect(safeRedirectPath(undefined, ORIGIN)).toBe("/dashboard");
    expect(safeRedirectPath(["/a", "/b"], ORIGIN)).toBe("/dashboard");
    expect(safeRedirectPath("  ", ORIGIN)).toBe("/dashboard");
  });
});
