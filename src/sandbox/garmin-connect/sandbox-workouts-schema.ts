import { z } from "zod";

// Garmin Connect's workout JSON as the Connect web app writes it and Connect returns it (a
// workout Connect answered, python-garminconnect's models). Connect ignores fields it does not
// know, so the envelope is loose; the parts a watch follows are checked strictly, ids against
// their keys, so a wrong pair (a "time" end with id 3) is a 400 here.

const pairs = <Id extends string, Key extends string>(id: Id, key: Key, table: Record<number, string>) =>
  z
    .looseObject({ [id]: z.number().int(), [key]: z.string() } as Record<Id | Key, z.ZodNumber | z.ZodString>)
    .refine((value) => table[value[id] as number] === value[key], {
      message: `${id} and ${key} must name the same thing (${Object.entries(table)
        .map(([n, k]) => `${n} ${k}`)
        .join(", ")})`,
    });

export const CONNECT_SPORT_TYPES = { 1: "running", 2: "cycling", 3: "other", 4: "swimming", 5: "strength_training" };
export const CONNECT_STEP_TYPES = {
  1: "warmup",
  2: "cooldown",
  3: "interval",
  4: "recovery",
  5: "rest",
  6: "repeat",
  7: "other",
};
export const CONNECT_END_CONDITIONS = {
  1: "lap.button",
  2: "time",
  3: "distance",
  4: "calories",
  5: "heart.rate",
  6: "power",
  7: "iterations",
};
export const CONNECT_TARGET_TYPES = {
  1: "no.target",
  2: "power.zone",
  3: "cadence.zone",
  4: "heart.rate.zone",
  5: "speed.zone",
  6: "pace.zone",
};

const sportType = pairs("sportTypeId", "sportTypeKey", CONNECT_SPORT_TYPES);
const stepType = pairs("stepTypeId", "stepTypeKey", CONNECT_STEP_TYPES);
const endCondition = pairs("conditionTypeId", "conditionTypeKey", CONNECT_END_CONDITIONS);
const targetType = pairs("workoutTargetTypeId", "workoutTargetTypeKey", CONNECT_TARGET_TYPES);

export const connectExecutableStepSchema = z.looseObject({
  type: z.literal("ExecutableStepDTO"),
  stepId: z.number().int().nullish(),
  stepOrder: z.number().int().positive(),
  stepType,
  childStepId: z.number().int().nullish(),
  description: z.string().max(512).nullish(),
  endCondition,
  endConditionValue: z.number().nullish(),
  targetType,
  targetValueOne: z.number().nullish(),
  targetValueTwo: z.number().nullish(),
  zoneNumber: z.number().int().nullish(),
});
export type ConnectExecutableStepJson = z.infer<typeof connectExecutableStepSchema>;

export interface ConnectRepeatGroupJson {
  type: "RepeatGroupDTO";
  stepOrder: number;
  stepType: Record<string, unknown>;
  childStepId: number;
  numberOfIterations: number;
  smartRepeat?: boolean | null;
  endCondition: Record<string, unknown>;
  endConditionValue?: number | null;
  workoutSteps: (ConnectExecutableStepJson | ConnectRepeatGroupJson)[];
}

export const connectRepeatGroupSchema: z.ZodType<ConnectRepeatGroupJson> = z.looseObject({
  type: z.literal("RepeatGroupDTO"),
  stepId: z.number().int().nullish(),
  stepOrder: z.number().int().positive(),
  stepType,
  childStepId: z.number().int().positive(),
  numberOfIterations: z.number().int().positive(),
  smartRepeat: z.boolean().nullish(),
  endCondition,
  endConditionValue: z.number().nullish(),
  get workoutSteps() {
    return z.array(connectStepSchema).min(1);
  },
}) as never;

const connectStepSchema: z.ZodType<ConnectExecutableStepJson | ConnectRepeatGroupJson> = z.discriminatedUnion("type", [
  connectExecutableStepSchema,
  connectRepeatGroupSchema as never,
]) as never;

export const connectWorkoutSchema = z.looseObject({
  workoutId: z.number().int().nullish(),
  ownerId: z.number().int().nullish(),
  workoutName: z.string().min(1).max(80),
  description: z.string().max(1024).nullish(),
  sportType,
  estimatedDurationInSecs: z.number().int().nonnegative().nullish(),
  workoutSegments: z
    .array(
      z.looseObject({
        segmentOrder: z.number().int().positive(),
        sportType,
        workoutSteps: z.array(connectStepSchema).min(1),
      }),
    )
    .min(1),
});
export type ConnectWorkoutJson = z.infer<typeof connectWorkoutSchema>;

const ENDS_WITH_VALUE = new Set(["time", "distance", "calories", "heart.rate", "power"]);
const RANGED_TARGETS = new Set(["power.zone", "cadence.zone", "heart.rate.zone", "speed.zone", "pace.zone"]);

/** What the schema cannot say: step order, matching types, end values, ranges. The first thing wrong. */
export function connectWorkoutProblem(workout: ConnectWorkoutJson): string | undefined {
  let expectedOrder = 0;
  const checkSteps = (
    steps: (ConnectExecutableStepJson | ConnectRepeatGroupJson)[],
    path: string,
    group?: number,
  ): string | undefined => {
    for (const [index, step] of steps.entries()) {
      const at = `${path}[${index}]`;
      if (step.stepOrder !== ++expectedOrder) return `${at}.stepOrder must be ${expectedOrder}, not ${step.stepOrder}`;
      if (step.type === "RepeatGroupDTO") {
        if (step.stepType.stepTypeKey !== "repeat") return `${at}.stepType must be repeat for a RepeatGroupDTO`;
        if (step.endCondition.conditionTypeKey !== "iterations") return `${at}.endCondition must be iterations`;
        const problem = checkSteps(step.workoutSteps, `${at}.workoutSteps`, step.childStepId);
        if (problem) return problem;
        continue;
      }
      if (step.stepType.stepTypeKey === "repeat") return `${at}.stepType repeat belongs on a RepeatGroupDTO`;
      if (group !== undefined && step.childStepId !== group) return `${at}.childStepId must be ${group}, its group's`;
      const end = step.endCondition.conditionTypeKey as string;
      if (ENDS_WITH_VALUE.has(end) && !(typeof step.endConditionValue === "number" && step.endConditionValue > 0))
        return `${at}.endConditionValue must be more than 0 for ${end}`;
      const target = step.targetType.workoutTargetTypeKey as string;
      if (RANGED_TARGETS.has(target) && typeof step.zoneNumber !== "number") {
        const [one, two] = [step.targetValueOne, step.targetValueTwo];
        if (typeof one !== "number" || typeof two !== "number")
          return `${at} needs targetValueOne and targetValueTwo (or a zoneNumber) for ${target}`;
        if (one > two) return `${at}.targetValueOne must not exceed targetValueTwo`;
      }
    }
  };
  for (const [index, segment] of workout.workoutSegments.entries()) {
    if (segment.segmentOrder !== index + 1) return `workoutSegments[${index}].segmentOrder must be ${index + 1}`;
    const problem = checkSteps(segment.workoutSteps, `workoutSegments[${index}].workoutSteps`);
    if (problem) return problem;
  }
  return undefined;
}
