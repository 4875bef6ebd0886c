import type { ConnectionAccess, WorkoutDestination } from "@/lib/workouts/destination-types";
import type { ConnectClient } from "./connect-client";
import { connectWorkoutCalendar } from "./workout-calendar";

/** A Connect client over a connection's authorized fetch: paths on `apiHost`, with the app's headers. */
export function connectClientOf(
  access: ConnectionAccess,
  apiHost: string,
  headers: Record<string, string> = {},
): ConnectClient {
  return {
    request: (path, init = {}) =>
      access.fetch(`https://${apiHost}${path}`, {
        method: init.method ?? "GET",
        headers: { ...headers, ...(init.json === undefined ? {} : { "content-type": "application/json" }) },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      }),
  };
}

/** The destination a password-linked Garmin Connect account offers, on its own region's API host. */
export const connectWorkouts = (apiHost: string, headers?: Record<string, string>): WorkoutDestination => ({
  open: (access) => connectWorkoutCalendar(connectClientOf(access, apiHost, headers)),
});
