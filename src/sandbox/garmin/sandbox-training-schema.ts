import { z } from "zod";

// The Training API V2 workout as Garmin documents it (field names, enums and limits as partner
// integrations quote the V2 specification). Strict: an unknown field is a 400, as a typo in a
// partner's JSON should be found here rather than at Garmin.

const SPORTS = [
  "RUNNING",
  "CYCLING",
  "LAP_SWIMMING",
  "STRENGTH_TRAINING",
  "CARDIO_TRAINING",
  "GENERIC",
  "YOGA",
  "PILATES",
  "MULTI_SPORT",
] as const;
const INTENSITIES = ["REST", "WARMUP", "COOLDOWN", "RECOVERY", "ACTIVE", "INTERVAL", "MAIN"] as const;
const DURATION_TYPES = [
  "TIME",
  "DISTANCE",
  "HR_LESS_THAN",
  "HR_GREATER_THAN",
  "CALORIES",
  "OPEN",
  "POWER_LESS_THAN",
  "POWER_GREATER_THAN",
  "TIME_AT_VALID_CDA",
  "FIXED_REST",
  "REPS",
  "REPETITION_SWIM_CSS_OFFSET",
  "FIXED_REPETITION",
] as const;
const TARGET_TYPES = [
  "SPEED",
  "HEART_RATE",
  "CADENCE",
  "POWER",
  "GRADE",
  "RESISTANCE",
  "POWER_3S",
  "POWER_10S",
  "POWER_30S",
  "POWER_LAP",
  "SPEED_LAP",
  "HEART_RATE_LAP",
  "OPEN",
  "PACE",
] as const;
const SECONDARY_TARGET_TYPES = [...TARGET_TYPES, "SWIM_INSTRUCTION", "SWIM_CSS_OFFSET", "PACE_ZONE"] as const;
const REPEAT_TYPES = [
  "REPEAT_UNTIL_STEPS_CMPLT",
  "REPEAT_UNTIL_TIME",
  "REPEAT_UNTIL_DISTANCE",
  "REPEAT_UNTIL_CALORIES",
  "REPEAT_UNTIL_HR_LESS_THAN",
  "REPEAT_UNTIL_HR_GREATER_THAN",
  "REPEAT_UNTIL_POWER_LESS_THAN",
  "REPEAT_UNTIL_POWER_GREATER_THAN",
  "REPEAT_UNTIL_POWER_LAST_LAP_LESS_THAN",
  "REPEAT_UNTIL_MAX_POWER_LAST_LAP_LESS_THAN",
] as const;
/** Steps a single-sport workout may hold, repeats included. */
export const TRAINING_MAX_STEPS = 100;

const optionalNumber = z.number().nullish();
const optionalText = z.string().nullish();

export const trainingStepSchema = z.strictObject({
  type: z.literal("WorkoutStep"),
  stepId: z.number().int().nullish(),
  stepOrder: z.number().int().positive(),
  intensity: z.enum(INTENSITIES),
  description: z.string().max(512).nullish(),
  durationType: z.enum(DURATION_TYPES),
  durationValue: optionalNumber,
  durationValueType: z.enum(["PERCENT", "METER"]).nullish(),
  targetType: z.enum(TARGET_TYPES).nullish(),
  targetValue: optionalNumber,
  targetValueLow: optionalNumber,
  targetValueHigh: optionalNumber,
  targetValueType: z.enum(["PERCENT"]).nullish(),
  secondaryTargetType: z.enum(SECONDARY_TARGET_TYPES).nullish(),
  secondaryTargetValue: optionalNumber,
  secondaryTargetValueLow: optionalNumber,
  secondaryTargetValueHigh: optionalNumber,
  secondaryTargetValueType: z.enum(["PERCENT"]).nullish(),
  strokeType: optionalText,
  drillType: optionalText,
  equipmentType: optionalText,
  exerciseCategory: optionalText,
  exerciseName: optionalText,
  weightValue: optionalNumber,
  weightDisplayUnit: z.enum(["KILOGRAM", "POUND"]).nullish(),
});
export type TrainingStepJson = z.infer<typeof trainingStepSchema>;

export interface TrainingRepeatJson {
  type: "WorkoutRepeatStep";
  stepId?: number | null;
  stepOrder: number;
  repeatType: (typeof REPEAT_TYPES)[number];
  repeatValue: number;
  skipLastRestStep?: boolean | null;
  steps: (TrainingStepJson | TrainingRepeatJson)[];
}

export const trainingRepeatSchema: z.ZodType<TrainingRepeatJson> = z.strictObject({
  type: z.literal("WorkoutRepeatStep"),
  stepId: z.number().int().nullish(),
  stepOrder: z.number().int().positive(),
  repeatType: z.enum(REPEAT_TYPES),
  repeatValue: z.number().positive(),
  skipLastRestStep: z.boolean().nullish(),
  get steps() {
    return z.array(z.discriminatedUnion("type", [trainingStepSchema, trainingRepeatSchema as never])).min(1);
  },
}) as never;

const anyStep = z.discriminatedUnion("type", [trainingStepSchema, trainingRepeatSchema as never]) as z.ZodType<
  TrainingStepJson | TrainingRepeatJson
>;

const segmentSchema = z.strictObject({
  segmentOrder: z.number().int().positive(),
  sport: z.enum(SPORTS),
  poolLength: optionalNumber,
  poolLengthUnit: z.enum(["YARD", "METER"]).nullish(),
  estimatedDurationInSecs: z.number().int().nullish(),
  estimatedDistanceInMeters: optionalNumber,
  steps: z.array(anyStep).min(1),
});

export const trainingWorkoutSchema = z.strictObject({
  workoutId: z.number().int().nullish(),
  ownerId: z.number().int().nullish(),
  workoutName: z.string().min(1),
  description: z.string().max(1024).nullish(),
  updatedDate: optionalText,
  createdDate: optionalText,
  sport: z.enum(SPORTS),
  estimatedDurationInSecs: z.number().int().nullish(),
  estimatedDistanceInMeters: optionalNumber,
  poolLength: optionalNumber,
  poolLengthUnit: z.enum(["YARD", "METER"]).nullish(),
  workoutProvider: z.string().min(1).max(20),
  workoutSourceId: z.string().min(1).max(20),
  isSessionTransitionEnabled: z.boolean(),
  segments: z.array(segmentSchema).min(1),
});
export type TrainingWorkoutJson = z.infer<typeof trainingWorkoutSchema>;

const RANGED_TARGETS = new Set(["SPEED", "PACE", "HEART_RATE", "POWER", "CADENCE", "GRADE", "RESISTANCE"]);

/** The rules a schema cannot say: step order, repeat counts, ranges, sports and the step limit. The first broken one. */
export function trainingWorkoutProblem(workout: TrainingWorkoutJson): string | undefined {
  let expectedOrder = 0;
  let count = 0;
  const checkSteps = (
    steps: (TrainingStepJson | TrainingRepeatJson)[],
    path: string,
    sport: string,
  ): string | undefined => {
    for (const [index, step] of steps.entries()) {
      const at = `${path}[${index}]`;
      count += 1;
      if (step.stepOrder !== ++expectedOrder) return `${at}.stepOrder must be ${expectedOrder}, not ${step.stepOrder}`;
      if (step.type === "WorkoutRepeatStep") {
        if (step.repeatType === "REPEAT_UNTIL_STEPS_CMPLT" && !Number.isInteger(step.repeatValue))
          return `${at}.repeatValue must be a whole number of repeats`;
        const problem = checkSteps(step.steps, `${at}.steps`, sport);
        if (problem) return problem;
        continue;
      }
      if (step.intensity === "MAIN" && sport !== "LAP_SWIMMING") return `${at}.intensity MAIN is for LAP_SWIMMING only`;
      if (step.durationType !== "OPEN" && !(typeof step.durationValue === "number" && step.durationValue > 0))
        return `${at}.durationValue must be more than 0 for ${step.durationType}`;
      if (step.targetType && RANGED_TARGETS.has(step.targetType)) {
        const { targetValue, targetValueLow: low, targetValueHigh: high } = step;
        const isRange = typeof low === "number" && typeof high === "number";
        if (!isRange && typeof targetValue !== "number")
          return `${at} needs targetValue (a zone) or targetValueLow and targetValueHigh for ${step.targetType}`;
        if (isRange && low > high) return `${at}.targetValueLow must not exceed targetValueHigh`;
      }
    }
  };
  for (const [index, segment] of workout.segments.entries()) {
    if (segment.segmentOrder !== index + 1) return `segments[${index}].segmentOrder must be ${index + 1}`;
    if (workout.sport !== "MULTI_SPORT" && segment.sport !== workout.sport)
      return `segments[${index}].sport must be ${workout.sport} in a single-sport workout`;
    const problem = checkSteps(segment.steps, `segments[${index}].steps`, segment.sport);
    if (problem) return problem;
  }
  if (workout.sport !== "MULTI_SPORT" && count > TRAINING_MAX_STEPS)
    return `a single-sport workout holds at most ${TRAINING_MAX_STEPS} steps, not ${count}`;
  return undefined;
}
