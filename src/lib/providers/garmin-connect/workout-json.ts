import type {
  StepDuration,
  StepKind,
  StepTarget,
  WorkoutContent,
  WorkoutSport,
  WorkoutStep,
} from "@/lib/workouts/plan-types";
import { isRepeat } from "@/lib/workouts/steps";
import { speedOfPace, timedSeconds } from "@/lib/workouts/units";

// Our plan as Garmin Connect's own workout JSON (POST /workout-service/workout), the format
// the Connect web app and python-garminconnect send and Connect answers with.
//
// Confirmed (a workout Connect returned, python-garminconnect's models and samples, several
// tools): `sportType {sportTypeId, sportTypeKey}`; `workoutSegments[].workoutSteps[]` of
// `ExecutableStepDTO` (stepType, endCondition + endConditionValue, targetType +
// targetValueOne/Two) and `RepeatGroupDTO` (numberOfIterations, smartRepeat, endCondition
// "iterations" with the count as its value, nested workoutSteps, a childStepId per group that
// its children carry); stepOrder through the whole workout, a group before its children;
// step types warmup 1, cooldown 2, interval 3, recovery 4, rest 5, repeat 6; end conditions
// lap.button 1, time 2, distance 3, iterations 7; targets no.target 1, heart.rate.zone 4,
// pace.zone 6 with targetValueOne the slower speed in m/s; running 1, cycling 2.
// UNCONFIRMED (sources disagree): power.zone 2 and cadence.zone 3 (python-garminconnect's
// newer table numbers them otherwise); swimming as sportTypeId 4 (one table says 3); whether
// nested repeat groups are accepted.

type IdKey<Id extends string, Key extends string> = Record<Id, number> & Record<Key, string> & { displayOrder: number };
export type SportType = IdKey<"sportTypeId", "sportTypeKey">;
export type StepType = IdKey<"stepTypeId", "stepTypeKey">;
export type EndCondition = IdKey<"conditionTypeId", "conditionTypeKey"> & { displayable: boolean };
export type TargetType = IdKey<"workoutTargetTypeId", "workoutTargetTypeKey">;

const sportType = (sportTypeId: number, sportTypeKey: string): SportType => ({
  sportTypeId,
  sportTypeKey,
  displayOrder: sportTypeId,
});
const stepType = (stepTypeId: number, stepTypeKey: string): StepType => ({
  stepTypeId,
  stepTypeKey,
  displayOrder: stepTypeId,
});
const endCondition = (conditionTypeId: number, conditionTypeKey: string): EndCondition => ({
  conditionTypeId,
  conditionTypeKey,
  displayOrder: conditionTypeId,
  displayable: conditionTypeKey !== "iterations",
});
const targetType = (workoutTargetTypeId: number, workoutTargetTypeKey: string): TargetType => ({
  workoutTargetTypeId,
  workoutTargetTypeKey,
  displayOrder: workoutTargetTypeId,
});

export const CONNECT_SPORTS: Record<WorkoutSport, SportType> = {
  running: sportType(1, "running"),
  cycling: sportType(2, "cycling"),
  swimming: sportType(4, "swimming"),
};

const STEP_TYPES: Record<StepKind | "repeat", StepType> = {
  warmup: stepType(1, "warmup"),
  cooldown: stepType(2, "cooldown"),
  active: stepType(3, "interval"),
  recovery: stepType(4, "recovery"),
  rest: stepType(5, "rest"),
  repeat: stepType(6, "repeat"),
};

export interface ConnectExecutableStep {
  type: "ExecutableStepDTO";
  stepOrder: number;
  stepType: StepType;
  childStepId?: number;
  description?: string;
  endCondition: EndCondition;
  endConditionValue?: number;
  targetType: TargetType;
  targetValueOne?: number;
  targetValueTwo?: number;
}

export interface ConnectRepeatGroup {
  type: "RepeatGroupDTO";
  stepOrder: number;
  stepType: StepType;
  childStepId: number;
  numberOfIterations: number;
  smartRepeat: false;
  endCondition: EndCondition;
  endConditionValue: number;
  workoutSteps: (ConnectExecutableStep | ConnectRepeatGroup)[];
}

export interface ConnectWorkout {
  workoutId?: number;
  ownerId?: number;
  workoutName: string;
  description?: string;
  sportType: SportType;
  estimatedDurationInSecs: number;
  workoutSegments: [
    { segmentOrder: 1; sportType: SportType; workoutSteps: (ConnectExecutableStep | ConnectRepeatGroup)[] },
  ];
}

// Connect has no "open" end: a step without one ends when the lap key is pressed.
function end(value: StepDuration): Pick<ConnectExecutableStep, "endCondition" | "endConditionValue"> {
  switch (value.type) {
    case "time":
      return { endCondition: endCondition(2, "time"), endConditionValue: value.seconds };
    case "distance":
      return { endCondition: endCondition(3, "distance"), endConditionValue: value.meters };
    case "lap_button":
    case "open":
      return { endCondition: endCondition(1, "lap.button") };
    default:
      return value satisfies never;
  }
}

function target(value: StepTarget): Pick<ConnectExecutableStep, "targetType" | "targetValueOne" | "targetValueTwo"> {
  switch (value.type) {
    case "none":
      return { targetType: targetType(1, "no.target") };
    case "pace":
      return {
        targetType: targetType(6, "pace.zone"),
        targetValueOne: speedOfPace(value.slowestSecondsPerKm),
        targetValueTwo: speedOfPace(value.fastestSecondsPerKm),
      };
    case "heart_rate":
      return {
        targetType: targetType(4, "heart.rate.zone"),
        targetValueOne: value.minBpm,
        targetValueTwo: value.maxBpm,
      };
    case "power":
      return {
        targetType: targetType(2, "power.zone"),
        targetValueOne: value.minWatts,
        targetValueTwo: value.maxWatts,
      };
    case "cadence":
      return {
        targetType: targetType(3, "cadence.zone"),
        targetValueOne: value.minPerMinute,
        targetValueTwo: value.maxPerMinute,
      };
    default:
      return value satisfies never;
  }
}

interface Counters {
  order: number;
  group: number;
}

function toSteps(
  steps: readonly WorkoutStep[],
  counters: Counters,
  groupId?: number,
): (ConnectExecutableStep | ConnectRepeatGroup)[] {
  return steps.map((step) => {
    const stepOrder = ++counters.order;
    const inGroup = groupId === undefined ? {} : { childStepId: groupId };
    if (isRepeat(step)) {
      const childStepId = ++counters.group;
      return {
        type: "RepeatGroupDTO",
        stepOrder,
        stepType: STEP_TYPES.repeat,
        childStepId,
        numberOfIterations: step.count,
        smartRepeat: false,
        endCondition: endCondition(7, "iterations"),
        endConditionValue: step.count,
        workoutSteps: toSteps(step.steps, counters, childStepId),
      };
    }
    return {
      type: "ExecutableStepDTO",
      stepOrder,
      stepType: STEP_TYPES[step.kind],
      ...inGroup,
      ...(step.note ? { description: step.note } : {}),
      ...end(step.duration),
      ...target(step.target),
    };
  });
}

export function toConnectWorkout(workout: WorkoutContent): ConnectWorkout {
  const sport = CONNECT_SPORTS[workout.sport];
  return {
    workoutName: workout.name,
    ...(workout.description ? { description: workout.description } : {}),
    sportType: sport,
    estimatedDurationInSecs: timedSeconds(workout.steps),
    workoutSegments: [
      { segmentOrder: 1, sportType: sport, workoutSteps: toSteps(workout.steps, { order: 0, group: 0 }) },
    ],
  };
}
