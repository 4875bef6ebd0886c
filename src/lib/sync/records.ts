import type { activities, bodyMeasurements, dailySummaries, samples, sleepSessions } from "@/lib/db/schema";
import type { FileReference } from "./file-reference";

// What a provider's transform produces: rows without the owner columns, which the sync
// runner fills in (user, connection, provider, source) so no transform can write into
// another user's data.
type Owned = "id" | "userId" | "connectionId" | "provider" | "createdAt" | "updatedAt" | "mergedIntoId";

export type ActivityRecord = Omit<typeof activities.$inferInsert, Owned>;
export type SleepRecord = Omit<typeof sleepSessions.$inferInsert, Owned | "sourceId">;
export type DailyRecord = Omit<typeof dailySummaries.$inferInsert, Owned | "sourceId">;
export type BodyRecord = Omit<typeof bodyMeasurements.$inferInsert, Owned | "sourceId" | "syncStatus">;
export type SampleRecord = Omit<typeof samples.$inferInsert, "id" | "userId" | "provider" | "sourceId">;

/** Rows for each table. */
export interface RecordRows {
  activities?: ActivityRecord[];
  sleepSessions?: SleepRecord[];
  dailySummaries?: DailyRecord[];
  bodyMeasurements?: BodyRecord[];
  samples?: SampleRecord[];
}

/** What a sync page or a push writes: rows, and the original files the provider offers. */
export interface RecordBatch extends RecordRows {
  /** Original files for these (or earlier) activities: kept as due with the rows, fetched once they commit. */
  originalFiles?: FileReference[];
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export const emptyCounts = (): UpsertCounts => ({ inserted: 0, updated: 0, unchanged: 0, rejected: 0 });

export function addCounts(into: UpsertCounts, from: UpsertCounts): UpsertCounts {
  into.inserted += from.inserted;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
  into.rejected += from.rejected;
  return into;
}
