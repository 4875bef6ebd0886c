import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { aiSourceSharing, bodyMeasurements, dailySummaries, providerConnections, sleepSessions } from "../schema";
import { listActivityFacets } from "./activities";

// The person's choices of which sources AI tools may read (Settings -> AI tools), and the
// counts of rows those choices keep out of an answer.

export interface AiSharingChoice {
  provider: string;
  isAllowed: boolean;
}

export async function findAiSharingChoices(db: Database, params: { userId: string }): Promise<AiSharingChoice[]> {
  return db
    .select({ provider: aiSourceSharing.provider, isAllowed: aiSourceSharing.isAllowed })
    .from(aiSourceSharing)
    .where(eq(aiSourceSharing.userId, params.userId));
}

/** Writes each choice, one upsert for all; choices for sources not named stay as they were. */
export async function saveAiSharingChoices(
  db: Database,
  params: { userId: string; choices: AiSharingChoice[] },
): Promise<void> {
  if (params.choices.length === 0) return;
  await db
    .insert(aiSourceSharing)
    .values(params.choices.map((choice) => ({ userId: params.userId, ...choice })))
    .onConflictDoUpdate({
      target: [aiSourceSharing.userId, aiSourceSharing.provider],
      set: { isAllowed: sql`excluded.is_allowed`, updatedAt: new Date() },
    });
}

/**
 * Every source the person has: connected accounts and the providers of their activities, days,
 * nights and weigh-ins. Samples are left out: their table is the largest by far and is reached
 * by AI tools only through an activity's streams.
 */
export async function findPersonSources(db: Database, params: { userId: string }): Promise<string[]> {
  const distinctProviders = (table: PgTable, provider: AnyPgColumn, userId: AnyPgColumn) =>
    db
      .selectDistinct({ provider: sql<string>`${provider}` })
      .from(table)
      .where(eq(userId, params.userId));
  const lists = await Promise.all([
    distinctProviders(providerConnections, providerConnections.provider, providerConnections.userId),
    listActivityFacets(db, params).then((facets) => facets.providers.map((provider) => ({ provider }))),
    distinctProviders(dailySummaries, dailySummaries.provider, dailySummaries.userId),
    distinctProviders(sleepSessions, sleepSessions.provider, sleepSessions.userId),
    distinctProviders(bodyMeasurements, bodyMeasurements.provider, bodyMeasurements.userId),
  ]);
  return [...new Set(lists.flat().map((row) => row.provider))].sort();
}

/** How many of the person's rows in `table` come from each of `providers`, under the same filters as the answer. */
export async function countRowsFromSources(
  db: Database,
  params: {
    table: PgTable;
    userId: AnyPgColumn;
    provider: AnyPgColumn;
    person: string;
    providers: readonly string[];
    where: Array<SQL | undefined>;
  },
): Promise<Map<string, number>> {
  if (params.providers.length === 0) return new Map();
  const rows = await db
    .select({ provider: sql<string>`${params.provider}`, total: count() })
    .from(params.table)
    .where(and(eq(params.userId, params.person), inArray(params.provider, [...params.providers]), ...params.where))
    .groupBy(params.provider);
  return new Map(rows.map((row) => [row.provider, Number(row.total)]));
}
