import { describe, expect, it } from "vitest";
import { issueField } from "@/lib/http/error-response";
import { createWorkoutPlanSchema, pushWorkoutSchema, updateWorkoutPlanSchema } from "./plan-schema";

const warmup = { kind: "warmup", duration: { type: "time", seconds: 600 }, target: { type: "none" } };
const fast = {
  kind: "active",
  duration: { type: "distance", meters: 400 },
  target: { type: "pace", fastestSecondsPerKm: 215, slowestSecondsPerKm: 225 },
};
const easy = {
  kind: "recovery",
  duration: { type: "lap_button" },
  target: { type: "heart_rate", minBpm: 110, maxBpm: 140 },
};
const plan = (steps: unknown[], extra: Record<string, unknown> = {}) => ({
  name: "8 × 400 m",
  sport: "running",
  steps,
  ...extra,
});

/** The field paths a refusal names, as the API reports them. */
function refusedFields(input: unknown, schema = createWorkoutPlanSchema) {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issueField(issue)}: ${issue.message}`);
}

describe("workout plans as they come in", () => {
  it("takes warm-up, repeats of intervals and each kind of target", () => {
    const parsed = createWorkoutPlanSchema.parse(
      plan([warmup, { kind: "repeat", count: 8, steps: [fast, easy] }], { scheduledDate: "2026-12-24" }),
    );
    expect(parsed.steps).toHaveLength(2);
    expect(parsed.scheduledDate).toBe("2026-12-24");
    for (const target of [
      { type: "power", minWatts: 200, maxWatts: 240 },
      { type: "cadence", minPerMinute: 85, maxPerMinute: 95 },
    ])
      expect(createWorkoutPlanSchema.safeParse(plan([{ ...warmup, target }], { sport: "cycling" })).success).toBe(true);
  });

  it("names the field of a crossed range, deep inside a repeat", () => {
    const crossed = { ...easy, target: { type: "heart_rate", minBpm: 150, maxBpm: 140 } };
    expect(refusedFields(plan([warmup, { kind: "repeat", count: 3, steps: [fast, crossed] }]))).toEqual([
      "steps.1.steps.1.target.maxBpm: must be at least minBpm",
    ]);
    const slowerFirst = { ...fast, target: { type: "pace", fastestSecondsPerKm: 300, slowestSecondsPerKm: 240 } };
    expect(refusedFields(plan([slowerFirst]))).toEqual([
      "steps.0.target.slowestSecondsPerKm: must be at least fastestSecondsPerKm (more seconds per km is slower)",
    ]);
  });

  it("refuses repeats nested three deep, and says how deep they may go", () => {
    const third = { kind: "repeat", count: 2, steps: [fast] };
    const second = { kind: "repeat", count: 2, steps: [third] };
    expect(refusedFields(plan([{ kind: "repeat", count: 2, steps: [second] }]))).toEqual([
      "steps.0.steps.0.steps.0: repeats may nest at most 2 deep",
    ]);
    expect(
      refusedFields(plan([{ kind: "repeat", count: 2, steps: [{ kind: "repeat", count: 3, steps: [fast] }] }])),
    ).toEqual([]);
  });

  it("refuses more steps than Garmin takes", () => {
    const many = Array.from({ length: 34 }, () => ({ kind: "repeat", count: 2, steps: [fast, easy] }));
    expect(refusedFields(plan(many))).toEqual(["steps: has 102 steps counting repeats; Garmin takes at most 100"]);
  });

  it("names wrong kinds, durations, units, dates and unknown fields", () => {
    expect(
      refusedFields(
        plan(
          [
            { ...warmup, kind: "sprint" },
            { ...fast, duration: { type: "time", seconds: 12.5 } },
          ],
          {
            scheduledDate: "2026-02-30",
            colour: "red",
          },
        ),
      ),
    ).toEqual([
      "steps.0.kind: must be one of warmup, active, recovery, cooldown, rest, repeat",
      "steps.1.duration.seconds: must be a whole number (seconds)",
      "scheduledDate: is not a calendar date",
      'colour: Unrecognized key: "colour"',
    ]);
  });

  it("holds a swim to pace or heart rate", () => {
    const power = { ...warmup, target: { type: "power", minWatts: 100, maxWatts: 150 } };
    expect(refusedFields(plan([warmup, power], { sport: "swimming" }))).toEqual([
      "steps.1.target.type: a swimming step takes a pace or heart_rate target, not power",
    ]);
  });

  it("wants at least one field in a patch, and a connection id to push to", () => {
    expect(refusedFields({}, updateWorkoutPlanSchema as never)).toEqual(["(body): send at least one field to change"]);
    expect(refusedFields({ connectionId: "garmin" }, pushWorkoutSchema as never)).toEqual([
      "connectionId: must be a connection id (UUID)",
    ]);
  });
});
