import { and, asc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias, type PgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { bodyMeasurements, sleepSessionCopies, sleepSessions, weighInCopies } from "../schema";
import { addDays, DAY_MS } from "@/lib/dates";
import { linkNights, linkWeighIns, WEIGH_IN_WINDOW_MS } from "@/lib/merge/daily/group-copies";
import { dayWindows } from "@/lib/merge/daily/touched";
import type { SourceRef } from "@/lib/merge/daily/types";
import { findPersonalOrders } from "./merged-daily";
import { ownRowsBetween } from "./own-rows";
import { onLocalDaysIn } from "./local-days";

// Copies among sleep sessions and weigh-ins: which rows from other sources are the same night
// or weigh-in as one that counts. Rewritten for every row near what a write touched.

/**
 * Links the nights on the given local dates again. Sessions of the day before and after are
 * read too: sources disagree on whether a night belongs to the day it starts or ends.
 */
export async function remergeNights(db: Database, params: { userId: string; nights: Iterable<string> }): Promise<void> {
  const { userId } = params;
  const order = (await findPersonalOrders(db, { userId })).sleep;
  for (const window of dayWindows(params.nights)) {
    const nights = await db
      .select({
        id: sleepSessions.id,
        provider: sleepSessions.provider,
        sourceId: sleepSessions.sourceId,
        startAt: sleepSessions.startAt,
        endAt: sleepSessions.endAt,
      })
      .from(sleepSessions)
      .where(
        ownRowsBetween(sleepSessions, {
          userId,
          column: sleepSessions.localDate,
          start: addDays(window.start, -1),
          end: addDays(window.end, 1),
        }),
      )
      .orderBy(asc(sleepSessions.startAt), asc(sleepSessions.id));
    if (!nights.length) continue;
    const links = linkNights(nights, order);
    const ids = nights.map((night) => night.id);
    await db
      .delete(sleepSessionCopies)
      .where(and(eq(sleepSessionCopies.userId, userId), inArray(sleepSessionCopies.sessionId, ids)));
    if (links.length)
      await db
        .insert(sleepSessionCopies)
        .values(links.map((link) => ({ userId, sessionId: link.copyId, primarySessionId: link.primaryId })))
        .onConflictDoUpdate({
          target: sleepSessionCopies.sessionId,
          set: { primarySessionId: sql`excluded.primary_session_id` },
        });
  }
}

/** Links the weigh-ins around the given times again (each time's neighbours within the weigh-in window). */
export async function remergeWeighIns(db: Database, params: { userId: string; times: number[] }): Promise<void> {
  const { userId } = params;
  if (!params.times.length) return;
  const order = (await findPersonalOrders(db, { userId })).weight;
  // Times as days, only to cut a large import into a few reads; the reads are by instant.
  const days = params.times.map((time) => new Date(time).toISOString().slice(0, 10));
  for (const window of dayWindows(days)) {
    const from = new Date(Date.parse(`${window.start}T00:00:00Z`) - WEIGH_IN_WINDOW_MS);
    const until = new Date(Date.parse(`${window.end}T00:00:00Z`) + DAY_MS + WEIGH_IN_WINDOW_MS);
    const rows = await db
      .select({
        id: bodyMeasurements.id,
        provider: bodyMeasurements.provider,
        sourceId: bodyMeasurements.sourceId,
        measuredAt: bodyMeasurements.measuredAt,
        weightKg: bodyMeasurements.weightKg,
      })
      .from(bodyMeasurements)
      .where(
        ownRowsBetween(
          bodyMeasurements,
          { userId, column: bodyMeasurements.measuredAt, start: from, end: until },
          isNotNull(bodyMeasurements.weightKg),
        ),
      )
      .orderBy(asc(bodyMeasurements.measuredAt), asc(bodyMeasurements.id));
    if (!rows.length) continue;
    const links = linkWeighIns(
      rows.map((row) => ({ ...row, weightKg: row.weightKg! })),
      order,
    );
    await db.delete(weighInCopies).where(
      and(
        eq(weighInCopies.userId, userId),
        inArray(
          weighInCopies.measurementId,
          rows.map((row) => row.id),
        ),
      ),
    );
    if (links.length)
      await db
        .insert(weighInCopies)
        .values(links.map((link) => ({ userId, measurementId: link.copyId, primaryMeasurementId: link.primaryId })))
        .onConflictDoUpdate({
          target: weighInCopies.measurementId,
          set: { primaryMeasurementId: sql`excluded.primary_measurement_id` },
        });
  }
}

/** Per primary night among `primaryIds`: the other sources' copies of it, with their value in `column`. */
export async function findNightCopies(
  db: Database,
  params: { userId: string; primaryIds: string[]; column: PgColumn },
): Promise<Map<string, Array<SourceRef & { value: number }>>> {
  const copies = new Map<string, Array<SourceRef & { value: number }>>();
  if (!params.primaryIds.length) return copies;
  const rows = await db
    .select({
      primaryId: sleepSessionCopies.primarySessionId,
      provider: sleepSessions.provider,
      sourceId: sleepSessions.sourceId,
      value: sql<number | string | null>`${params.column}`,
    })
    .from(sleepSessionCopies)
    .innerJoin(sleepSessions, eq(sleepSessions.id, sleepSessionCopies.sessionId))
    .where(
      and(
        eq(sleepSessionCopies.userId, params.userId),
        inArray(sleepSessionCopies.primarySessionId, params.primaryIds),
      ),
    );
  for (const { primaryId, value, ...source } of rows) {
    if (value === null) continue;
    copies.set(primaryId, [...(copies.get(primaryId) ?? []), { ...source, value: Number(value) }]);
  }
  return copies;
}

/** Per primary weigh-in among `primaryIds`: the other services' copies of it. */
export async function findWeighInCopies(
  db: Database,
  params: { userId: string; primaryIds: string[] },
): Promise<WeighInCopies> {
  if (!params.primaryIds.length) return new Map();
  return weighInCopiesWhere(db, params.userId, inArray(weighInCopies.primaryMeasurementId, params.primaryIds));
}

/**
 * The same for every weigh-in that counts between two local dates (the Health page's range), so
 * it can be read alongside the weigh-ins rather than after them.
 */
export async function findWeighInCopiesBetween(
  db: Database,
  params: { userId: string; start: string; end: string; timeZone: string },
): Promise<WeighInCopies> {
  const primary = alias(bodyMeasurements, "primary_measurement");
  return weighInCopiesWhere(
    db,
    params.userId,
    inArray(
      weighInCopies.primaryMeasurementId,
      db
        .select({ id: primary.id })
        .from(primary)
        .where(and(eq(primary.userId, params.userId), onLocalDaysIn(primary.measuredAt, params))),
    ),
  );
}

type WeighInCopies = Map<string, Array<SourceRef & { weightKg: number; measuredAt: string }>>;

async function weighInCopiesWhere(db: Database, userId: string, primaries: SQL): Promise<WeighInCopies> {
  const copies: WeighInCopies = new Map();
  const rows = await db
    .select({
      primaryId: weighInCopies.primaryMeasurementId,
      provider: bodyMeasurements.provider,
      sourceId: bodyMeasurements.sourceId,
      weightKg: bodyMeasurements.weightKg,
      measuredAt: bodyMeasurements.measuredAt,
    })
    .from(weighInCopies)
    .innerJoin(bodyMeasurements, eq(bodyMeasurements.id, weighInCopies.measurementId))
    .where(and(eq(weighInCopies.userId, userId), primaries));
  for (const { primaryId, weightKg, measuredAt, ...source } of rows)
    copies.set(primaryId, [
      ...(copies.get(primaryId) ?? []),
      { ...source, weightKg: weightKg!, measuredAt: measuredAt.toISOString() },
    ]);
  return copies;
}
