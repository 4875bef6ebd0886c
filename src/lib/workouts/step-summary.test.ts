import { describe, expect, it } from "vitest";
import { INTERVAL_RUN, OVER_UNDERS } from "@tests/fixtures/workout-plans";
import { summarizeSteps } from "./step-summary";

describe("workouts in one line", () => {
  it("reads a plan as a coach would write it, repeats and targets included", () => {
    expect(summarizeSteps(INTERVAL_RUN.steps)).toBe(
      "Warm-up 15:00 · 5 × (Active 1 km @ 3:55–4:05 /km · Recovery 1:30 @ 110–135 bpm) · Cool-down until lap",
    );
    expect(summarizeSteps(OVER_UNDERS.steps)).toBe(
      "Warm-up open @ 85–95 /min · 3 × (4 × (Active 2:00 @ 250–265 W · Active 1:00 @ 290–305 W) · Rest 5:00)",
    );
  });
});
