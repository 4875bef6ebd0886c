import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../client";
import { activities, bodyMeasurements, dailySummaries, sleepSessions } from "../schema";

// What a data event says about each row it names: enough to act on or to decide to fetch the
// rest through the API, never the raw provider payload (that can be megabytes per activity).

export type EventItemTable = "activities" | "sleepSessions" | "dailySummaries" | "bodyMeasurements";

export async function findEventItems(
  db: Database,
  params: { userId: string; table: EventItemTable; ids: string[] },
): Promise<Record<string, unknown>[]> {
  if (!params.ids.length) return [];
  switch (params.table) {
    case "activities":
      return db
        .select({
          id: activities.id,
          provider: activities.provider,
          externalId: activities.externalId,
          type: activities.type,
          name: activities.name,
          startAt: activities.startAt,
          durationS: activities.durationS,
          distanceM: activities.distanceM,
        })
        .from(activities)
        .where(and(eq(activities.userId, params.userId), inArray(activities.id, params.ids)))
        .orderBy(asc(activities.startAt));
    case "sleepSessions":
      return db
        .select({
          id: sleepSessions.id,
          provider: sleepSessions.provider,
          externalId: sleepSessions.externalId,
          localDate: sleepSessions.localDate,
          startAt: sleepSessions.startAt,
          endAt: sleepSessions.endAt,
          asleepS: sleepSessions.asleepS,
          score: sleepSessions.score,
        })
        .from(sleepSessions)
        .where(and(eq(sleepSessions.userId, params.userId), inArray(sleepSessions.id, params.ids)))
        .orderBy(asc(sleepSessions.startAt));
    case "dailySummaries":
      return db
        .select({
          id: dailySummaries.id,
          provider: dailySummaries.provider,
          sourceId: dailySummaries.sourceId,
          localDate: dailySummaries.localDate,
          steps: dailySummaries.steps,
          restingHeartRateBpm: dailySummaries.restingHeartRateBpm,
          hrvMs: dailySummaries.hrvMs,
        })
        .from(dailySummaries)
        .where(and(eq(dailySummaries.userId, params.userId), inArray(dailySummaries.id, params.ids)))
        .orderBy(asc(dailySummaries.localDate));
    case "bodyMeasurements":
      return db
        .select({
          id: bodyMeasurements.id,
          provider: bodyMeasurements.provider,
          measuredAt: bodyMeasurements.measuredAt,
          weightKg: bodyMeasurements.weightKg,
          bmi: bodyMeasurements.bmi,
          bodyFatPercent: bodyMeasurements.bodyFatPercent,
        })
        .from(bodyMeasurements)
        .where(and(eq(bodyMeasurements.userId, params.userId), inArray(bodyMeasurements.id, params.ids)))
        .orderBy(asc(bodyMeasurements.measuredAt));
    default: {
      const unknownTable: never = params.table;
      throw new Error(`No event items for ${String(unknownTable)}`);
    }
  }
}
