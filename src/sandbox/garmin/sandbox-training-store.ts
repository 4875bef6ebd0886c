import type { SandboxState } from "@/sandbox/state";
import type { TrainingWorkoutJson } from "./sandbox-training-schema";

// What Garmin's Training API holds: workouts and calendar entries per account. Keyed by
// SandboxState, so a reset forgets it; tests read it to see what arrived.

export interface StoredTrainingWorkout {
  account: string;
  workout: TrainingWorkoutJson & { workoutId: number; ownerId: number };
}

export interface StoredSchedule {
  account: string;
  workoutScheduleId: number;
  workoutId: number;
  date: string;
}

export interface TrainingStore {
  workouts: Map<number, StoredTrainingWorkout>;
  schedules: Map<number, StoredSchedule>;
  nextWorkoutId: number;
  nextScheduleId: number;
}

const stores = new WeakMap<SandboxState, TrainingStore>();

export function trainingStore(state: SandboxState): TrainingStore {
  let store = stores.get(state);
  if (!store)
    stores.set(
      state,
      (store = { workouts: new Map(), schedules: new Map(), nextWorkoutId: 900_000_001, nextScheduleId: 700_000_001 }),
    );
  return store;
}
