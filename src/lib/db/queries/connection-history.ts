import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { bodyMeasurements, dailySummaries, samples, sleepSessions } from "../schema";
import { PUSH_SOURCES } from "@/lib/ingest/push-sources";
import { SAMPLE_METRICS } from "@/lib/merge/daily/metrics";
import { TouchedHistory } from "@/lib/merge/daily/touched";
import { findUserTimeZone } from "./merged-daily";

// What a connection's rows make of the person's merged history, so that deleting them (a
// disconnect that takes the data too) merges those days, nights and weigh-ins again.

export interface ConnectionRef {
  userId: string;
  connectionId: string;
  provider: string;
  externalUserId: string;
}

const MERGED_SAMPLE_NAMES = Object.values(SAMPLE_METRICS).flat();

/**
 * A connection's samples: they carry no connection id, only the source. A provider account's
 * are its account id's; a phone app's one connection holds every device it sent (each its own
 * sourceId).
 */
function connectionSamples(connection: ConnectionRef) {
  const isPush = PUSH_SOURCES.some((source) => source.slug === connection.provider);
  return and(
    eq(samples.userId, connection.userId),
    eq(samples.provider, connection.provider),
    isPush ? undefined : eq(samples.sourceId, connection.externalUserId),
  );
}

/** The days, nights and weigh-ins the connection's rows feed into; read before they are deleted. */
export async function findConnectionHistory(db: Database, connection: ConnectionRef): Promise<TouchedHistory> {
  const { userId, connectionId } = connection;
  const touched = new TouchedHistory();
  const day = (column: typeof dailySummaries.localDate | typeof sleepSessions.localDate) =>
    sql<string>`to_char(${column}::timestamp, 'YYYY-MM-DD')`;
  const dailies = await db
    .selectDistinct({ day: day(dailySummaries.localDate) })
    .from(dailySummaries)
    .where(and(eq(dailySummaries.userId, userId), eq(dailySummaries.connectionId, connectionId)));
  for (const row of dailies) touched.days.add(row.day);
  const zone = sql`${await findUserTimeZone(db, { userId })}::text`;
  const sampled = await db
    .selectDistinct({ day: sql<string>`to_char(${samples.time} at time zone ${zone}, 'YYYY-MM-DD')` })
    .from(samples)
    .where(and(connectionSamples(connection), inArray(samples.metric, MERGED_SAMPLE_NAMES)));
  for (const row of sampled) touched.days.add(row.day);
  const nights = await db
    .selectDistinct({ night: day(sleepSessions.localDate) })
    .from(sleepSessions)
    .where(and(eq(sleepSessions.userId, userId), eq(sleepSessions.connectionId, connectionId)));
  for (const row of nights) touched.nights.add(row.night);
  const weighIns = await db
    .select({ measuredAt: bodyMeasurements.measuredAt })
    .from(bodyMeasurements)
    .where(
      and(
        eq(bodyMeasurements.userId, userId),
        eq(bodyMeasurements.connectionId, connectionId),
        isNotNull(bodyMeasurements.weightKg),
      ),
    );
  for (const row of weighIns) touched.weighInTimes.push(row.measuredAt.getTime());
  return touched;
}

/** Deletes the connection's samples (the rows with a connection id are deleted by it). */
export async function deleteConnectionSamples(db: Database, connection: ConnectionRef): Promise<void> {
  await db.delete(samples).where(connectionSamples(connection));
}
