import { openConnectionFetch } from "@/lib/connections/connection-fetch";
import type { Database } from "@/lib/db";
import type { ProviderConnection } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getSourceOrThrow } from "@/lib/providers/sources";
import type { WorkoutCalendar } from "./destination-types";

/** How a push reaches a connection's calendar; tests hand in their own to reach a destination directly. */
export type OpenWorkoutCalendar = (
  db: Database,
  connection: ProviderConnection,
  options: { appUrl?: string },
) => Promise<WorkoutCalendar>;

/**
 * The connection's calendar, through its source's destination, whichever registry it is in: an
 * official Garmin connection reaches the Training API, a Garmin Connect account linked by
 * password its own Connect calendar. Requests are routed like every provider request
 * (PROVIDER_BASE_URL, the sandbox), the token refreshed when due and once more when refused.
 */
export const openWorkoutCalendar: OpenWorkoutCalendar = async (db, connection, { appUrl }) => {
  const source = getSourceOrThrow(connection.provider);
  if (!source.workouts)
    throw new AppError("INVALID_INPUT", `${source.name} does not take workouts; choose a Garmin connection.`, {
      field: "connectionId",
    });
  const access = await openConnectionFetch(db, connection, { appUrl });
  return source.workouts.open(access);
};
