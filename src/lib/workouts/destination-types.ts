import type { AuthorizedFetch, ConnectionAccess } from "@/lib/connections/connection-access";
import type { WorkoutContent } from "./plan-types";

// The contract a provider fulfils to take workouts, whichever registry it is in: an official
// provider's definition (providers/types.ts, `workouts`) or a password-linked account's
// (providers/credential-types.ts, `workouts`). Shared code asks the definition for its destination and never names a provider.

// How a destination reaches the account: connections/connection-fetch.ts opens it for any source.
export type { AuthorizedFetch, ConnectionAccess };

/** The provider's handle on a workout we created, as needed to change it later. */
export interface RemoteWorkout {
  workoutId: string;
  /** The provider's own account id stamped on the workout (Garmin's Training API wants it back on updates). */
  ownerId?: string;
}

/** One account's workout library and calendar at its provider. Errors are AppErrors with the provider's reason. */
export interface WorkoutCalendar {
  /** As messages name it: "Garmin (Training API)". */
  name: string;
  /** Throws PROVIDER_SCOPE_MISSING when the account has not let us add workouts; nothing is written before this. */
  checkAccess(): Promise<void>;
  /** `sourceId` is our id for the plan, for providers that keep one beside the workout. */
  createWorkout(workout: WorkoutContent, sourceId: string): Promise<RemoteWorkout>;
  /** Rewrites a workout created before; null when the provider no longer has it (deleted by the person). */
  updateWorkout(remote: RemoteWorkout, workout: WorkoutContent, sourceId: string): Promise<RemoteWorkout | null>;
  /** Puts the workout on the account's calendar on a day (YYYY-MM-DD); returns the schedule entry's id. */
  scheduleWorkout(remote: RemoteWorkout, date: string): Promise<string>;
  /** Takes a schedule entry off the calendar; one that is already gone is not an error. */
  unscheduleWorkout(scheduleId: string): Promise<void>;
}

export interface WorkoutDestination {
  open(access: ConnectionAccess): WorkoutCalendar;
}
