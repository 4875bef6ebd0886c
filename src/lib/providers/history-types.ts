import { z } from "zod";
import type { ProviderConnection } from "@/lib/db/schema";

// For providers whose history is asked for rather than paged through (Garmin's backfill): how
// far back a person wants it, chosen per connection, and what the provider made of the asking.

/** A number of days back from the first sync, or everything the provider allows. */
export const historyDaysSchema = z.union([z.literal("all"), z.number().int().positive()]);
export type HistoryDays = z.infer<typeof historyDaysSchema>;

export interface HistoryStatus {
  /** The oldest moment history was asked for so far; null before the first request. */
  requestedFrom: Date | null;
  /** The provider refused history (the person did not grant it); asking again will not help. */
  isRefused: boolean;
  /** How far back the provider said it goes, once a request reached past it. */
  earliestAllowed: Date | null;
}

export interface ProviderHistory {
  /** The horizons a person can pick, shortest first. */
  choices: readonly { days: HistoryDays; label: string }[];
  /** For a connection whose person picked none (an env default). */
  defaultDays(): HistoryDays;
  /** What the connection's cursors say; null where the choice does not apply (e.g. a legacy sign-in). */
  status(connection: Pick<ProviderConnection, "authKind" | "cursors">): HistoryStatus | null;
  /** What to tell a person whose provider refused history, so that they can grant it. */
  refusedHelp: string;
}
