import { refreshIfDue } from "@/lib/connections/refresh";
import type { Database } from "@/lib/db";
import type { ProviderConnection } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { findProvider } from "@/lib/providers";
import { createProviderContext } from "@/lib/providers/routing";
import type { AuthorizedFetch, WorkoutCalendar } from "./destination-types";

/** How a push reaches a connection's calendar; tests hand in their own to reach a destination directly. */
export type OpenWorkoutCalendar = (
  db: Database,
  connection: ProviderConnection,
  options: { appUrl?: string },
) => Promise<WorkoutCalendar>;

/**
 * The connection's calendar, through its provider's destination: requests routed like every
 * provider request (PROVIDER_BASE_URL, the sandbox), the token refreshed when due, and once
 * more when the provider refuses it before its time.
 *
 * #15 (password-linked accounts) changes two lines: the definition comes from
 * `getSourceOrThrow(connection.provider)` and the fetch from `sourceAuth(source, appUrl).fetch`,
 * so a Garmin Connect account reaches its own destination (connectWorkouts) the same way.
 */
export const openWorkoutCalendar: OpenWorkoutCalendar = async (db, connection, { appUrl }) => {
  const provider = findProvider(connection.provider);
  if (!provider?.workouts)
    throw new AppError(
      "INVALID_INPUT",
      `${provider?.name ?? connection.provider} does not take workouts; choose a Garmin connection.`,
      { field: "connectionId" },
    );
  const context = await createProviderContext(db, provider, appUrl);
  let tokens = await refreshIfDue(db, connection, { appUrl });
  const fetch: AuthorizedFetch = async (realUrl, init) => {
    const response = await context.fetch(realUrl, { ...init, accessToken: tokens.accessToken });
    if (response.status !== 401) return response;
    await response.body?.cancel();
    tokens = await refreshIfDue(db, connection, { appUrl, refused: tokens });
    return context.fetch(realUrl, { ...init, accessToken: tokens.accessToken });
  };
  return provider.workouts.open({ fetch, tokens });
};
