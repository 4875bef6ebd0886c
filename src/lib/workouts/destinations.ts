import type { Database } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import { findSource } from "@/lib/providers/sources";

export interface WorkoutDestinationOption {
  connectionId: string;
  /** "Garmin", or "Garmin (Forerunner)" when the person labelled the account. */
  label: string;
  needsReconnect: boolean;
}

/**
 * The person's connections a workout can be sent to: those whose source offers a destination
 * (the registries say which): official Garmin connections and Garmin Connect accounts linked
 * by password.
 */
export async function listWorkoutDestinations(
  db: Database,
  params: { userId: string },
): Promise<WorkoutDestinationOption[]> {
  const connections = await listConnections(db, params);
  return connections.flatMap((connection) => {
    const provider = findSource(connection.provider);
    if (!provider?.workouts) return [];
    return [
      {
        connectionId: connection.id,
        label: connection.label ? `${provider.name} (${connection.label})` : provider.name,
        needsReconnect: connection.status === "needs_reauth",
      },
    ];
  });
}
