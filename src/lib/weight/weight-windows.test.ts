import { describe, expect, it } from "vitest";
import { nextWeightWindow, weightProgress, weightThrough, type WeightJobPayload } from "./weight-windows";

const history = { earliestDate: "2015-01-01", windowDays: 30, horizonDays: 2 };

/** Every window a walk fetches, committing each as the job does. */
function walk(payload: WeightJobPayload) {
  const windows = [];
  let current = payload;
  for (let window = nextWeightWindow(current, history); window; window = nextWeightWindow(current, history)) {
    windows.push(window);
    current = { ...current, cursor: window.from };
  }
  return windows;
}

describe("a weight walk's windows", () => {
  it("covers the last 30 days in one window that reaches the horizon", () => {
    const through = weightThrough(new Date("2026-11-20T23:00:00Z"), history);
    expect(through).toBe("2026-11-22");
    expect(walk({ scope: "30d", through })).toEqual([{ from: "2026-10-23", to: "2026-11-22" }]);
  });

  it("goes back to 2015-01-01 for all, newest first, in windows of at most 30 days that neither gap nor overlap", () => {
    const windows = walk({ scope: "all", through: "2026-11-22" });
    expect(windows[0]).toEqual({ from: "2026-10-23", to: "2026-11-22" });
    expect(windows.at(-1)!.from).toBe("2015-01-01");
    for (const [index, window] of windows.entries()) {
      expect(Date.parse(window.to) - Date.parse(window.from)).toBeLessThanOrEqual(30 * 86_400_000);
      if (index > 0) expect(window.to).toBe(windows[index - 1]!.from);
    }
    expect(windows).toHaveLength(Math.ceil((Date.parse("2026-11-22") - Date.parse("2015-01-01")) / (30 * 86_400_000)));
  });

  it("resumes from its cursor, and widening to all only moves where it stops", () => {
    expect(nextWeightWindow({ scope: "all", through: "2026-11-22", cursor: "2026-09-23" }, history)).toEqual({
      from: "2026-08-24",
      to: "2026-09-23",
    });
    expect(nextWeightWindow({ scope: "30d", through: "2026-11-22", cursor: "2026-10-23" }, history)).toBeNull();
    expect(nextWeightWindow({ scope: "all", through: "2026-11-22", cursor: "2026-10-23" }, history)).toEqual({
      from: "2026-09-23",
      to: "2026-10-23",
    });
    expect(nextWeightWindow({ scope: "all", through: "2026-11-22", cursor: "2015-01-01" }, history)).toBeNull();
  });

  it("counts progress in windows", () => {
    expect(weightProgress({ scope: "30d", through: "2026-11-22" }, history)).toEqual({ done: 0, total: 1 });
    expect(weightProgress({ scope: "30d", through: "2026-11-22", cursor: "2026-10-23" }, history)).toEqual({
      done: 1,
      total: 1,
    });
    const all = weightProgress({ scope: "all", through: "2026-11-22", cursor: "2026-09-23" }, history);
    expect(all.done).toBe(2);
    expect(all.total).toBe(walk({ scope: "all", through: "2026-11-22" }).length);
    expect(weightProgress({ scope: "all", through: "2026-11-22", cursor: "2015-01-01" }, history).done).toBe(all.total);
  });
});
