import type { WorkoutStep } from "./plan-types";
import { isRepeat } from "./steps";

/** Metres per second for a pace in seconds per kilometre, as Garmin stores pace targets. */
export const speedOfPace = (secondsPerKm: number) => Math.round((1000 / secondsPerKm) * 1e6) / 1e6;

/** Seconds per kilometre back from metres per second, to the second (what a person set). */
export const paceOfSpeed = (metresPerSecond: number) => Math.round(1000 / metresPerSecond);

/** Seconds the timed steps add up to, repeats multiplied out; distance and lap-button steps count nothing. */
export function timedSeconds(steps: readonly WorkoutStep[]): number {
  return steps.reduce((total, step) => {
    if (isRepeat(step)) return total + step.count * timedSeconds(step.steps);
    return total + (step.duration.type === "time" ? step.duration.seconds : 0);
  }, 0);
}
