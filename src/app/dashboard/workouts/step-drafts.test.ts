import { describe, expect, it } from "vitest";
import { changeAt, describeField, moveAt, newRepeat, newStep, stepPathOf, toPlanSteps } from "./step-drafts";

describe("the workout builder's steps", () => {
  it("edits, removes and moves steps inside repeats, and sends them without keys or empty notes", () => {
    const steps = [newStep("warmup"), newRepeat(), newStep("cooldown")];
    const withNote = changeAt(steps, [1, 0], (step) => ({ ...step, note: "  Strong  " }) as typeof step);
    const moved = moveAt(withNote, [1, 0], 1);
    const removed = changeAt(moved, [2], () => null);
    expect(toPlanSteps(removed)).toEqual([
      { kind: "warmup", duration: { type: "time", seconds: 600 }, target: { type: "none" } },
      {
        kind: "repeat",
        count: 4,
        steps: [
          { kind: "recovery", duration: { type: "time", seconds: 300 }, target: { type: "none" } },
          { kind: "active", duration: { type: "time", seconds: 300 }, target: { type: "none" }, note: "Strong" },
        ],
      },
    ]);
    expect(moveAt(steps, [0], -1)).toEqual(steps);
  });

  it("points a refusal at its step and says it in words", () => {
    expect(stepPathOf("steps.1.steps.0.target.maxBpm")).toBe("1.0");
    expect(stepPathOf("name")).toBeUndefined();
    expect(describeField("steps.1.steps.0.target.maxBpm")).toBe("Step 2.1, target max bpm");
    expect(describeField("steps.0")).toBe("Step 1");
    expect(describeField("name")).toBe("Name");
  });
});
