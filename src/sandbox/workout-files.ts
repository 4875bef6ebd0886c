import { DAY_MS } from "@/lib/dates";
import { syntheticWorkouts, type SyntheticWorkout } from "./synthetic";
import { workoutFitFile, type FitDevice } from "./workout-fit";
import { workoutTcxFile } from "./workout-tcx";

// The original files the simulated providers serve for their synthetic workouts. Encoding a
// FIT takes the SDK tens of milliseconds, and a sync asks for each file once, a test or a
// second sync perhaps again: the last few are kept.

const CACHED_FILES = 64;
const cache = new Map<string, Uint8Array>();

/** One of the account's workouts (its whole synthetic history), found by what the provider's URL names. */
export function findSyntheticWorkout(
  provider: string,
  login: string,
  isIt: (workout: SyntheticWorkout) => boolean,
  now = new Date(),
): SyntheticWorkout | undefined {
  // Day-aligned bounds, so every request of a day reuses one generated history.
  const tomorrow = new Date((Math.floor(now.getTime() / DAY_MS) + 1) * DAY_MS);
  return syntheticWorkouts(provider, login, new Date(0), tomorrow, now).find(isIt);
}

function remember(key: string, build: () => Uint8Array): Uint8Array {
  const kept = cache.get(key);
  if (kept) return kept;
  const bytes = build();
  cache.set(key, bytes);
  if (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value!);
  return bytes;
}

export const syntheticFitFile = (provider: string, workout: SyntheticWorkout, device: FitDevice) =>
  remember(`${provider}:${workout.id}:fit`, () => workoutFitFile(workout, device));

export const syntheticTcxFile = (provider: string, workout: SyntheticWorkout, creator: string) =>
  remember(`${provider}:${workout.id}:tcx`, () => new TextEncoder().encode(workoutTcxFile(workout, creator)));

/** A file download as the providers' file hosts answer one. */
export const fileResponse = (bytes: Uint8Array, contentType: string) =>
  new Response(Buffer.from(bytes), {
    headers: { "content-type": contentType, "content-length": String(bytes.byteLength) },
  });
