import { describe, expect, it } from "vitest";
import { INTERVAL_RUN, OVER_UNDERS } from "@tests/fixtures/workout-plans";
import { toConnectWorkout } from "./workout-json";

const noTarget = { workoutTargetTypeId: 1, workoutTargetTypeKey: "no.target", displayOrder: 1 };

describe("plans as Garmin Connect workouts", () => {
  it("writes a run as Connect's DTOs: a repeat group with its iterations, pace as m/s with the slower first", () => {
    const workout = toConnectWorkout(INTERVAL_RUN);
    const running = { sportTypeId: 1, sportTypeKey: "running", displayOrder: 1 };
    expect(workout).toMatchObject({
      workoutName: "5 × 1 km",
      description: "Threshold kilometres",
      sportType: running,
      // 15 min warm-up and 5 × 90 s recoveries; distance and lap-button steps have no time.
      estimatedDurationInSecs: 900 + 5 * 90,
    });
    expect(workout.workoutSegments).toEqual([
      {
        segmentOrder: 1,
        sportType: running,
        workoutSteps: [
          {
            type: "ExecutableStepDTO",
            stepOrder: 1,
            stepType: { stepTypeId: 1, stepTypeKey: "warmup", displayOrder: 1 },
            endCondition: { conditionTypeId: 2, conditionTypeKey: "time", displayOrder: 2, displayable: true },
            endConditionValue: 900,
            targetType: noTarget,
          },
          {
            type: "RepeatGroupDTO",
            stepOrder: 2,
            stepType: { stepTypeId: 6, stepTypeKey: "repeat", displayOrder: 6 },
            childStepId: 1,
            numberOfIterations: 5,
            smartRepeat: false,
            endCondition: { conditionTypeId: 7, conditionTypeKey: "iterations", displayOrder: 7, displayable: false },
            endConditionValue: 5,
            workoutSteps: [
              {
                type: "ExecutableStepDTO",
                stepOrder: 3,
                stepType: { stepTypeId: 3, stepTypeKey: "interval", displayOrder: 3 },
                childStepId: 1,
                description: "Relaxed shoulders",
                endCondition: { conditionTypeId: 3, conditionTypeKey: "distance", displayOrder: 3, displayable: true },
                endConditionValue: 1000,
                targetType: { workoutTargetTypeId: 6, workoutTargetTypeKey: "pace.zone", displayOrder: 6 },
                targetValueOne: 4.081633,
                targetValueTwo: 4.255319,
              },
              {
                type: "ExecutableStepDTO",
                stepOrder: 4,
                stepType: { stepTypeId: 4, stepTypeKey: "recovery", displayOrder: 4 },
                childStepId: 1,
                endCondition: { conditionTypeId: 2, conditionTypeKey: "time", displayOrder: 2, displayable: true },
                endConditionValue: 90,
                targetType: { workoutTargetTypeId: 4, workoutTargetTypeKey: "heart.rate.zone", displayOrder: 4 },
                targetValueOne: 110,
                targetValueTwo: 135,
              },
            ],
          },
          {
            type: "ExecutableStepDTO",
            stepOrder: 5,
            stepType: { stepTypeId: 2, stepTypeKey: "cooldown", displayOrder: 2 },
            endCondition: { conditionTypeId: 1, conditionTypeKey: "lap.button", displayOrder: 1, displayable: true },
            targetType: noTarget,
          },
        ],
      },
    ]);
  });

  it("nests groups with their own child ids, and writes power and cadence ranges", () => {
    const workout = toConnectWorkout(OVER_UNDERS);
    expect(workout.sportType).toMatchObject({ sportTypeId: 2, sportTypeKey: "cycling" });
    expect(workout).not.toHaveProperty("description");
    // 3 × (4 × (120 + 60) + 300); the open warm-up adds nothing.
    expect(workout.estimatedDurationInSecs).toBe(3 * (4 * 180 + 300));
    const [warmup, outer] = workout.workoutSegments[0].workoutSteps;
    expect(warmup).toMatchObject({
      endCondition: { conditionTypeKey: "lap.button" },
      targetType: { workoutTargetTypeId: 3, workoutTargetTypeKey: "cadence.zone" },
      targetValueOne: 85,
      targetValueTwo: 95,
    });
    expect(outer).toMatchObject({
      type: "RepeatGroupDTO",
      stepOrder: 2,
      childStepId: 1,
      numberOfIterations: 3,
      workoutSteps: [
        {
          type: "RepeatGroupDTO",
          stepOrder: 3,
          childStepId: 2,
          numberOfIterations: 4,
          workoutSteps: [
            {
              stepOrder: 4,
              childStepId: 2,
              targetType: { workoutTargetTypeKey: "power.zone" },
              targetValueOne: 250,
              targetValueTwo: 265,
            },
            { stepOrder: 5, childStepId: 2, targetValueOne: 290, targetValueTwo: 305 },
          ],
        },
        { stepOrder: 6, childStepId: 1, stepType: { stepTypeKey: "rest" } },
      ],
    });
  });
});
