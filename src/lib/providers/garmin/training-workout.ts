import type {
  StepDuration,
  StepKind,
  StepTarget,
  WorkoutContent,
  WorkoutSport,
  WorkoutStep,
} from "@/lib/workouts/plan-types";
import { isRepeat } from "@/lib/workouts/steps";
import { speedOfPace } from "@/lib/workouts/units";

// Our plan as Garmin's Training API V2 workout (POST /workoutportal/workout/v2).
//
// Confirmed (several partner integrations and copies of the V2 spec agree): a workout holds
// `segments`, one per sport, each with `steps`; a step is `WorkoutStep` (intensity, durationType
// + durationValue, targetType + targetValueLow/High) or `WorkoutRepeatStep` (repeatType
// REPEAT_UNTIL_STEPS_CMPLT, repeatValue, nested `steps`); workoutProvider and workoutSourceId
// are at most 20 characters; single-sport workouts take at most 100 steps; heart rate in bpm,
// power in watts, pace as speed in m/s. stepOrder runs through the whole workout, a repeat
// before its children (the V2 examples as integrations quote them).
// UNCONFIRMED: whether PACE's low bound must be the slower speed (we send low < high, as the
// V1 SPEED targets partners export do); durationValueType METER on distance steps (sent, as
// integrations do); whether nested repeats are accepted (our plans allow two levels); which
// targets a LAP_SWIMMING workout takes (we send pace and heart rate only, as for Connect).

export const TRAINING_SPORTS: Record<WorkoutSport, string> = {
  running: "RUNNING",
  cycling: "CYCLING",
  swimming: "LAP_SWIMMING",
};

const INTENSITIES: Record<StepKind, string> = {
  warmup: "WARMUP",
  active: "ACTIVE",
  recovery: "RECOVERY",
  cooldown: "COOLDOWN",
  rest: "REST",
};

/** How Garmin names this app on the workout; the field takes at most 20 characters. */
export const WORKOUT_PROVIDER = "QT.run";
const SOURCE_ID_MAX = 20;

/** Our plan's id as the 20 characters workoutSourceId takes (hex of the UUID: collisions are not a concern). */
export const trainingSourceId = (planId: string) => planId.replace(/-/g, "").slice(0, SOURCE_ID_MAX);

export interface TrainingStep {
  type: "WorkoutStep";
  stepOrder: number;
  intensity: string;
  description?: string;
  durationType: "TIME" | "DISTANCE" | "OPEN";
  durationValue?: number;
  durationValueType?: "METER";
  targetType: "OPEN" | "PACE" | "HEART_RATE" | "POWER" | "CADENCE";
  targetValueLow?: number;
  targetValueHigh?: number;
}

export interface TrainingRepeatStep {
  type: "WorkoutRepeatStep";
  stepOrder: number;
  repeatType: "REPEAT_UNTIL_STEPS_CMPLT";
  repeatValue: number;
  steps: (TrainingStep | TrainingRepeatStep)[];
}

export interface TrainingWorkout {
  workoutId?: number;
  ownerId?: number;
  workoutName: string;
  description?: string;
  sport: string;
  workoutProvider: string;
  workoutSourceId: string;
  isSessionTransitionEnabled: false;
  segments: [{ segmentOrder: 1; sport: string; steps: (TrainingStep | TrainingRepeatStep)[] }];
}

// A lap-button step and an open one are the same thing to Garmin: the step ends when the lap key is pressed.
function duration(value: StepDuration): Pick<TrainingStep, "durationType" | "durationValue" | "durationValueType"> {
  switch (value.type) {
    case "time":
      return { durationType: "TIME", durationValue: value.seconds };
    case "distance":
      return { durationType: "DISTANCE", durationValue: value.meters, durationValueType: "METER" };
    case "lap_button":
    case "open":
      return { durationType: "OPEN" };
    default:
      return value satisfies never;
  }
}

function target(value: StepTarget): Pick<TrainingStep, "targetType" | "targetValueLow" | "targetValueHigh"> {
  switch (value.type) {
    case "none":
      return { targetType: "OPEN" };
    case "pace":
      // The slower pace is the lower speed.
      return {
        targetType: "PACE",
        targetValueLow: speedOfPace(value.slowestSecondsPerKm),
        targetValueHigh: speedOfPace(value.fastestSecondsPerKm),
      };
    case "heart_rate":
      return { targetType: "HEART_RATE", targetValueLow: value.minBpm, targetValueHigh: value.maxBpm };
    case "power":
      return { targetType: "POWER", targetValueLow: value.minWatts, targetValueHigh: value.maxWatts };
    case "cadence":
      return { targetType: "CADENCE", targetValueLow: value.minPerMinute, targetValueHigh: value.maxPerMinute };
    default:
      return value satisfies never;
  }
}

function toSteps(steps: readonly WorkoutStep[], nextOrder: () => number): (TrainingStep | TrainingRepeatStep)[] {
  return steps.map((step) => {
    const stepOrder = nextOrder();
    if (isRepeat(step))
      return {
        type: "WorkoutRepeatStep",
        stepOrder,
        repeatType: "REPEAT_UNTIL_STEPS_CMPLT",
        repeatValue: step.count,
        steps: toSteps(step.steps, nextOrder),
      };
    return {
      type: "WorkoutStep",
      stepOrder,
      intensity: INTENSITIES[step.kind],
      ...(step.note ? { description: step.note } : {}),
      ...duration(step.duration),
      ...target(step.target),
    };
  });
}

export function toTrainingWorkout(workout: WorkoutContent, sourceId: string): TrainingWorkout {
  let order = 0;
  const sport = TRAINING_SPORTS[workout.sport];
  return {
    workoutName: workout.name,
    ...(workout.description ? { description: workout.description } : {}),
    sport,
    workoutProvider: WORKOUT_PROVIDER,
    workoutSourceId: sourceId,
    isSessionTransitionEnabled: false,
    segments: [{ segmentOrder: 1, sport, steps: toSteps(workout.steps, () => ++order) }],
  };
}
