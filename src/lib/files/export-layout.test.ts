import { describe, expect, it } from "vitest";
import { activityLocalDate, exportPath, slugify } from "./export-layout";

const parts = (overrides: Partial<Parameters<typeof exportPath>[0]> = {}) => ({
  type: "run",
  localDate: "2026-11-20",
  name: "Morning Run",
  extension: "fit",
  isGenerated: false,
  ...overrides,
});

describe("export layout", () => {
  it("files an activity as <type>/<yyyy-mm-dd>-<name>.<ext>", () => {
    expect(exportPath(parts(), new Set())).toBe("run/2026-11-20-morning-run.fit");
    expect(exportPath(parts({ type: "trail_run", extension: "gpx" }), new Set())).toBe(
      "trail-run/2026-11-20-morning-run.gpx",
    );
  });

  it("marks a generated file in its name", () => {
    expect(exportPath(parts({ isGenerated: true }), new Set())).toBe("run/2026-11-20-morning-run-generated.fit");
  });

  it("numbers collisions -2, -3, case-insensitively", () => {
    const taken = new Set<string>();
    expect(exportPath(parts(), taken)).toBe("run/2026-11-20-morning-run.fit");
    expect(exportPath(parts({ name: "MORNING RUN" }), taken)).toBe("run/2026-11-20-morning-run-2.fit");
    expect(exportPath(parts({ name: "morning  run!" }), taken)).toBe("run/2026-11-20-morning-run-3.fit");
    // Another extension or folder is another path.
    expect(exportPath(parts({ extension: "tcx" }), taken)).toBe("run/2026-11-20-morning-run.tcx");
  });

  it("never lets a name climb out of its folder or hide (zip-slip)", () => {
    const hostile = [
      "../../etc/passwd",
      "..\\..\\windows\\system32",
      "/absolute/path",
      ".hidden",
      "a\u0000b\u0007c\nd\re",
      "C:\\evil",
      "con",
      "..",
      "\u202Egnp.exe",
    ];
    const taken = new Set<string>();
    for (const name of hostile) {
      const path = exportPath(parts({ name, type: "../../up", extension: "../fit" }), taken);
      const segments = path.split("/");
      expect(segments).toHaveLength(2);
      for (const segment of segments) {
        expect(segment).not.toMatch(/^\./);
        expect(segment).not.toContain("..");
        expect(segment).not.toContain("\\");

        expect(segment).not.toMatch(/[\u0000-\u001f\u007f\u202e:]/);
      }
      expect(path.startsWith("up/2026-11-20-")).toBe(true);
    }
  });

  it("keeps letters of any script and folds accents", () => {
    expect(slugify("Über den Berg — Café", "x")).toBe("uber-den-berg-cafe");
    expect(slugify("朝のラン", "x")).toBe("朝のラン");
    expect(slugify("!!!", "activity")).toBe("activity");
    expect(slugify(null, "activity")).toBe("activity");
    expect(Array.from(slugify("a".repeat(200), "x"))).toHaveLength(80);
  });

  it("falls back to 'undated' for a date that is not YYYY-MM-DD", () => {
    expect(exportPath(parts({ localDate: "../2026" }), new Set())).toBe("run/undated-morning-run.fit");
  });

  it("dates an activity by its own offset, else the person's zone", () => {
    const start = new Date("2026-11-20T23:30:00Z");
    expect(activityLocalDate(start, 3600, () => "zone")).toBe("2026-11-21");
    expect(activityLocalDate(start, -3600, () => "zone")).toBe("2026-11-20");
    expect(activityLocalDate(start, null, () => "zone")).toBe("zone");
  });
});
