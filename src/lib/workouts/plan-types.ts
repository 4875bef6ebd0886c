// The shape of a structured workout, in our own terms and SI units. A leaf: the schema, the
// zod validation and every provider's translator import it, and it imports nothing.

export const WORKOUT_SPORTS = ["running", "cycling", "swimming"] as const;
export type WorkoutSport = (typeof WORKOUT_SPORTS)[number];

export const STEP_KINDS = ["warmup", "active", "recovery", "cooldown", "rest"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** How a step ends: after a time, a distance, when the lap button is pressed, or whenever (open). */
export type StepDuration =
  { type: "time"; seconds: number } | { type: "distance"; meters: number } | { type: "lap_button" } | { type: "open" };

/**
 * What the watch holds the athlete to during a step. Pace is seconds per kilometre, so the
 * faster end is the smaller number; cadence is per minute (rpm on a bike, steps when running).
 */
export type StepTarget =
  | { type: "none" }
  | { type: "pace"; fastestSecondsPerKm: number; slowestSecondsPerKm: number }
  | { type: "heart_rate"; minBpm: number; maxBpm: number }
  | { type: "power"; minWatts: number; maxWatts: number }
  | { type: "cadence"; minPerMinute: number; maxPerMinute: number };

export interface WorkoutSingleStep {
  kind: StepKind;
  duration: StepDuration;
  target: StepTarget;
  /** Shown on the watch with the step. */
  note?: string;
}

export interface WorkoutRepeat {
  kind: "repeat";
  count: number;
  steps: WorkoutStep[];
}

export type WorkoutStep = WorkoutSingleStep | WorkoutRepeat;

/** Everything a destination needs to build its own workout from a plan. */
export interface WorkoutContent {
  name: string;
  sport: WorkoutSport;
  description: string | null;
  steps: WorkoutStep[];
}

/** Repeats inside repeats, at most this deep: watches follow two levels, and nobody plans three. */
export const MAX_REPEAT_DEPTH = 2;
/** Garmin takes at most 100 steps in a single-sport workout; repeats count as steps too. */
export const MAX_WORKOUT_STEPS = 100;
