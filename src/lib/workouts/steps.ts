import type { WorkoutRepeat, WorkoutStep } from "./plan-types";

export const isRepeat = (step: WorkoutStep): step is WorkoutRepeat => step.kind === "repeat";

/** Every step a provider would store, repeats included (Garmin's step limit counts both). */
export function countSteps(steps: readonly WorkoutStep[]): number {
  return steps.reduce((total, step) => total + 1 + (isRepeat(step) ? countSteps(step.steps) : 0), 0);
}

/** How deep repeats nest: 0 for a flat workout, 1 for repeats of plain steps, and so on. */
export function repeatDepth(steps: readonly WorkoutStep[]): number {
  return Math.max(0, ...steps.map((step) => (isRepeat(step) ? 1 + repeatDepth(step.steps) : 0)));
}
