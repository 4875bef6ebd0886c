import { z } from "zod";
import {
  MAX_REPEAT_DEPTH,
  MAX_WORKOUT_STEPS,
  STEP_KINDS,
  WORKOUT_SPORTS,
  type StepTarget,
  type WorkoutSport,
  type WorkoutStep,
} from "./plan-types";
import { countSteps, isRepeat } from "./steps";

// The edge where a workout comes in (API bodies, the dashboard form): every field checked, and
// a refusal names the field (steps.2.steps.0.target.maxBpm) so the caller can fix that one.

const whole = (what: string, min: number, max: number) =>
  z
    .number({ message: `must be a number (${what})` })
    .int({ message: `must be a whole number (${what})` })
    .min(min, { message: `must be at least ${min} ${what}` })
    .max(max, { message: `must be at most ${max} ${what}` });

const durationSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("time"), seconds: whole("seconds", 1, 86_400) }),
    z.object({
      type: z.literal("distance"),
      meters: z.number().positive({ message: "must be more than 0 metres" }).max(1_000_000),
    }),
    z.object({ type: z.literal("lap_button") }),
    z.object({ type: z.literal("open") }),
  ],
  { message: "must be one of time, distance, lap_button, open" },
);

/** A target range; a crossed range is reported on its upper bound, usually the typo. */
function rangeTarget<T extends string>(type: T, low: string, high: string, bound: z.ZodNumber) {
  return z
    .object({ type: z.literal(type), [low]: bound, [high]: bound })
    .refine((value) => (value as Record<string, number>)[low]! <= (value as Record<string, number>)[high]!, {
      message: `must be at least ${low}`,
      path: [high],
    });
}

const targetSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("none") }),
    z
      .object({
        type: z.literal("pace"),
        fastestSecondsPerKm: whole("seconds per km", 60, 3_600),
        slowestSecondsPerKm: whole("seconds per km", 60, 3_600),
      })
      .refine((value) => value.fastestSecondsPerKm <= value.slowestSecondsPerKm, {
        message: "must be at least fastestSecondsPerKm (more seconds per km is slower)",
        path: ["slowestSecondsPerKm"],
      }),
    rangeTarget("heart_rate", "minBpm", "maxBpm", whole("bpm", 30, 250)),
    rangeTarget("power", "minWatts", "maxWatts", whole("W", 1, 3_000)),
    rangeTarget("cadence", "minPerMinute", "maxPerMinute", whole("per minute", 1, 300)),
  ],
  { message: "must be one of none, pace, heart_rate, power, cadence" },
) as unknown as z.ZodType<StepTarget>;

const singleStepSchema = z.object({
  kind: z.enum(STEP_KINDS, { message: `must be one of ${STEP_KINDS.join(", ")}, repeat` }),
  duration: durationSchema,
  target: targetSchema,
  note: z.string().trim().max(512, { message: "must be at most 512 characters" }).optional(),
});

const repeatSchema = z.object({
  kind: z.literal("repeat"),
  count: whole("times", 2, 99),
  get steps(): z.ZodArray<z.ZodType<WorkoutStep>> {
    return z.array(workoutStepSchema).min(1, { message: "a repeat needs at least one step" });
  },
});

export const workoutStepSchema: z.ZodType<WorkoutStep> = z.discriminatedUnion(
  "kind",
  [repeatSchema, singleStepSchema],
  {
    message: `must be one of ${STEP_KINDS.join(", ")}, repeat`,
  },
);

/** Limits that span the whole list: how deep repeats nest and how many steps there are in all. */
function checkStructure(steps: WorkoutStep[], context: z.RefinementCtx, path: (string | number)[] = [], depth = 0) {
  steps.forEach((step, index) => {
    if (!isRepeat(step)) return;
    if (depth + 1 > MAX_REPEAT_DEPTH) {
      context.addIssue({
        code: "custom",
        path: [...path, index],
        message: `repeats may nest at most ${MAX_REPEAT_DEPTH} deep`,
      });
      return;
    }
    checkStructure(step.steps, context, [...path, index, "steps"], depth + 1);
  });
  if (depth === 0 && countSteps(steps) > MAX_WORKOUT_STEPS)
    context.addIssue({
      code: "custom",
      message: `has ${countSteps(steps)} steps counting repeats; Garmin takes at most ${MAX_WORKOUT_STEPS}`,
    });
}

export const workoutStepsSchema = z
  .array(workoutStepSchema)
  .min(1, { message: "a workout needs at least one step" })
  .superRefine((steps, context) => checkStructure(steps, context));

// A pool swim is held to pace or heart rate; watches offer no power or cadence target in the water.
const SWIM_TARGETS: ReadonlySet<StepTarget["type"]> = new Set(["none", "pace", "heart_rate"]);

function checkSportTargets(sport: WorkoutSport, steps: WorkoutStep[], context: z.RefinementCtx, path: PathKey[]) {
  steps.forEach((step, index) => {
    if (isRepeat(step)) return checkSportTargets(sport, step.steps, context, [...path, index, "steps"]);
    if (sport === "swimming" && !SWIM_TARGETS.has(step.target.type))
      context.addIssue({
        code: "custom",
        path: [...path, index, "target", "type"],
        message: `a swimming step takes a pace or heart_rate target, not ${step.target.type}`,
      });
  });
}
type PathKey = string | number;

const isCalendarDate = (value: string) => {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
};

/** A calendar day as YYYY-MM-DD; one message, whichever way it is wrong. */
export const calendarDateSchema = z
  .string({ message: "must be a date as YYYY-MM-DD" })
  .superRefine((value, context) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
      context.addIssue({ code: "custom", message: "must be a date as YYYY-MM-DD" });
    else if (!isCalendarDate(value)) context.addIssue({ code: "custom", message: "is not a calendar date" });
  });

const fields = {
  name: z
    .string({ message: "is required" })
    .trim()
    .min(1, { message: "is required" })
    .max(80, { message: "must be at most 80 characters" }),
  sport: z.enum(WORKOUT_SPORTS, { message: `must be one of ${WORKOUT_SPORTS.join(", ")}` }),
  description: z.string().trim().max(1024, { message: "must be at most 1024 characters" }).nullish(),
  steps: workoutStepsSchema,
  scheduledDate: calendarDateSchema.nullish(),
};

export const createWorkoutPlanSchema = z
  .strictObject(fields)
  .superRefine((plan, context) => checkSportTargets(plan.sport, plan.steps, context, ["steps"]));
export type CreateWorkoutPlan = z.infer<typeof createWorkoutPlanSchema>;

/** A partial update; sport and steps are checked together against the stored plan (see updateWorkoutPlan). */
export const updateWorkoutPlanSchema = z
  .strictObject({
    name: fields.name.optional(),
    sport: fields.sport.optional(),
    description: fields.description,
    steps: fields.steps.optional(),
    scheduledDate: fields.scheduledDate,
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: "send at least one field to change" });
export type UpdateWorkoutPlan = z.infer<typeof updateWorkoutPlanSchema>;

/** The sport and steps a plan ends up with after a patch, checked as a create would be. */
export const workoutSportStepsSchema = z
  .object({ sport: fields.sport, steps: fields.steps })
  .superRefine((plan, context) => checkSportTargets(plan.sport, plan.steps, context, ["steps"]));

export const pushWorkoutSchema = z.strictObject({
  connectionId: z.uuid({ message: "must be a connection id (UUID)" }),
  date: calendarDateSchema.nullish(),
});
export type PushWorkout = z.infer<typeof pushWorkoutSchema>;
