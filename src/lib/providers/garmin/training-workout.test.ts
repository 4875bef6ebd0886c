import { describe, expect, it } from "vitest";
import { INTERVAL_RUN, OVER_UNDERS } from "@tests/fixtures/workout-plans";
import { toTrainingWorkout, trainingSourceId } from "./training-workout";

describe("plans as Training API V2 workouts", () => {
  it("puts a run in one RUNNING segment, repeats as WorkoutRepeatStep, pace as speed with the slower end low", () => {
    const workout = toTrainingWorkout(INTERVAL_RUN, "abc");
    expect(workout).toMatchObject({
      workoutName: "5 × 1 km",
      description: "Threshold kilometres",
      sport: "RUNNING",
      workoutProvider: "QT.run",
      workoutSourceId: "abc",
      isSessionTransitionEnabled: false,
    });
    expect(workout.segments).toEqual([
      {
        segmentOrder: 1,
        sport: "RUNNING",
        steps: [
          {
            type: "WorkoutStep",
            stepOrder: 1,
            intensity: "WARMUP",
            durationType: "TIME",
            durationValue: 900,
            targetType: "OPEN",
          },
          {
            type: "WorkoutRepeatStep",
            stepOrder: 2,
            repeatType: "REPEAT_UNTIL_STEPS_CMPLT",
            repeatValue: 5,
            steps: [
              {
                type: "WorkoutStep",
                stepOrder: 3,
                intensity: "ACTIVE",
                description: "Relaxed shoulders",
                durationType: "DISTANCE",
                durationValue: 1000,
                durationValueType: "METER",
                targetType: "PACE",
                targetValueLow: 4.081633,
                targetValueHigh: 4.255319,
              },
              {
                type: "WorkoutStep",
                stepOrder: 4,
                intensity: "RECOVERY",
                durationType: "TIME",
                durationValue: 90,
                targetType: "HEART_RATE",
                targetValueLow: 110,
                targetValueHigh: 135,
              },
            ],
          },
          { type: "WorkoutStep", stepOrder: 5, intensity: "COOLDOWN", durationType: "OPEN", targetType: "OPEN" },
        ],
      },
    ]);
  });

  it("nests a repeat in a repeat, with power and cadence ranges and open steps", () => {
    const [segment] = toTrainingWorkout(OVER_UNDERS, "x").segments;
    expect(segment.sport).toBe("CYCLING");
    expect(segment.steps[0]).toEqual({
      type: "WorkoutStep",
      stepOrder: 1,
      intensity: "WARMUP",
      durationType: "OPEN",
      targetType: "CADENCE",
      targetValueLow: 85,
      targetValueHigh: 95,
    });
    const outer = segment.steps[1]!;
    expect(outer).toMatchObject({ type: "WorkoutRepeatStep", stepOrder: 2, repeatValue: 3 });
    const inner = outer.type === "WorkoutRepeatStep" ? outer.steps[0]! : undefined;
    expect(inner).toMatchObject({
      type: "WorkoutRepeatStep",
      stepOrder: 3,
      repeatValue: 4,
      steps: [
        { stepOrder: 4, intensity: "ACTIVE", targetType: "POWER", targetValueLow: 250, targetValueHigh: 265 },
        { stepOrder: 5, intensity: "ACTIVE", targetType: "POWER", targetValueLow: 290, targetValueHigh: 305 },
      ],
    });
    expect(outer.type === "WorkoutRepeatStep" && outer.steps[1]).toMatchObject({ stepOrder: 6, intensity: "REST" });
    expect(toTrainingWorkout(OVER_UNDERS, "x")).not.toHaveProperty("description");
  });

  it("fits our plan id in the 20 characters workoutSourceId takes", () => {
    expect(trainingSourceId("0f8fad5b-d9cb-469f-a165-70867728950e")).toBe("0f8fad5bd9cb469fa165");
  });
});
