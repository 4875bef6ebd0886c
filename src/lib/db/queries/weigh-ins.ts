import { and, asc, desc, eq, inArray, isNotNull, ne, notExists, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { bodyMeasurements, samples, users, weighInCopies, type SyncStatus } from "../schema";
import type { ForwardedWeighIn, ForwardOutcome } from "@/lib/providers/weight-types";
import type { WrittenIds } from "@/lib/outbound/record-events";
import { emptyCounts, type BodyRecord, type UpsertCounts } from "@/lib/sync/records";
import { decideWeighIn, type StoredWeighIn } from "@/lib/weight/weigh-in-rule";
import { onLocalDaysIn } from "./local-days";

export type IdentifiedBodyRecord = BodyRecord & { externalId: string };

/**
 * The height a weigh-in's BMI is computed from: the provider's latest height data, else the
 * height the person set in Preferences; null when neither exists.
 */
export async function findHeightForBmi(
  db: Database,
  params: { userId: string; provider: string },
): Promise<number | null> {
  const [measured] = await db
    .select({ value: samples.value })
    .from(samples)
    .where(and(eq(samples.userId, params.userId), eq(samples.provider, params.provider), eq(samples.metric, "height")))
    .orderBy(desc(samples.time))
    .limit(1);
  if (measured) return measured.value;
  const [user] = await db.select({ heightM: users.heightM }).from(users).where(eq(users.id, params.userId)).limit(1);
  return user?.heightM ?? null;
}

/**
 * Writes weigh-ins that carry the provider's id, following the update rule in
 * lib/weight/weigh-in-rule.ts: found by that id (or, for a row stored before ids were kept,
 * by its time), inserted when new, rewritten only when the rule says so. Call it inside the
 * page's transaction; the caller has deduplicated nothing, so the last of one id wins.
 */
export async function upsertWeighIns(
  db: Database,
  owner: { userId: string; connectionId: string | null; provider: string; sourceId: string },
  records: IdentifiedBodyRecord[],
  /** Collects the ids of the rows inserted and updated (for the batch's webhook events). */
  written?: WrittenIds,
): Promise<UpsertCounts> {
  const counts = emptyCounts();
  if (!records.length) return counts;
  // One row per id and per instant (the last wins): the table keeps one weigh-in an instant.
  const byId = new Map(records.map((record) => [record.externalId, record]));
  const byTime = new Map([...byId.values()].map((record) => [new Date(record.measuredAt).getTime(), record]));
  const incoming = [...byTime.values()];
  counts.unchanged += records.length - incoming.length;
  const heightM = incoming.some((record) => record.bmi == null)
    ? await findHeightForBmi(db, { userId: owner.userId, provider: owner.provider })
    : null;

  const stored = await db
    .select({
      id: bodyMeasurements.id,
      externalId: bodyMeasurements.externalId,
      measuredAt: bodyMeasurements.measuredAt,
      weightKg: bodyMeasurements.weightKg,
      bmi: bodyMeasurements.bmi,
      bodyFatPercent: bodyMeasurements.bodyFatPercent,
      syncStatus: bodyMeasurements.syncStatus,
    })
    .from(bodyMeasurements)
    .where(
      and(
        eq(bodyMeasurements.userId, owner.userId),
        eq(bodyMeasurements.provider, owner.provider),
        or(
          inArray(
            bodyMeasurements.externalId,
            incoming.map((record) => record.externalId),
          ),
          and(
            eq(bodyMeasurements.sourceId, owner.sourceId),
            inArray(
              bodyMeasurements.measuredAt,
              incoming.map((record) => new Date(record.measuredAt)),
            ),
          ),
        ),
      ),
    );
  const storedById = new Map(stored.filter((row) => row.externalId).map((row) => [row.externalId!, row]));
  const storedByTime = new Map(stored.map((row) => [row.measuredAt.getTime(), row]));

  const inserts: (typeof bodyMeasurements.$inferInsert)[] = [];
  for (const record of incoming) {
    const match = storedById.get(record.externalId) ?? storedByTime.get(new Date(record.measuredAt).getTime());
    const decision = decideWeighIn(
      match as StoredWeighIn | undefined,
      {
        externalId: record.externalId,
        weightKg: record.weightKg ?? null,
        bmi: record.bmi ?? null,
        bodyFatPercent: record.bodyFatPercent ?? null,
      },
      heightM,
    );
    if (decision.action === "unchanged") counts.unchanged++;
    else if (decision.action === "insert") {
      inserts.push({ ...record, ...decision.row, ...owner, externalId: record.externalId });
      counts.inserted++;
    } else {
      await db
        .update(bodyMeasurements)
        .set({
          ...decision.row,
          muscleMassKg: sql`coalesce(${record.muscleMassKg ?? null}::double precision, ${bodyMeasurements.muscleMassKg})`,
          // What this delivery saw is kept beside what earlier ones did (weight and body fat arrive apart).
          raw: sql`coalesce(${bodyMeasurements.raw}, '{}'::jsonb) || ${JSON.stringify(record.raw ?? {})}::jsonb`,
          connectionId: owner.connectionId,
          updatedAt: new Date(),
        })
        .where(and(eq(bodyMeasurements.id, match!.id), eq(bodyMeasurements.userId, owner.userId)));
      counts.updated++;
      written?.updated.push(match!.id);
    }
  }
  if (inserts.length) {
    const rows = await db.insert(bodyMeasurements).values(inserts).returning({ id: bodyMeasurements.id });
    written?.inserted.push(...rows.map((row) => row.id));
  }
  return counts;
}

/** Body rows without a provider id have nothing to adopt: the ones with none keep their time key. */
export const isIdentified = (record: BodyRecord): record is IdentifiedBodyRecord =>
  typeof record.externalId === "string" && record.externalId.length > 0;

export interface WeightRecord {
  id: string;
  /** The day of the weigh-in in the person's time zone. */
  date: string;
  measuredAt: string;
  weightKg: number;
  bmi: number | null;
  unit: "kg";
  /** The provider (or phone app) it came from. */
  source: string;
  sourceId: string;
  syncStatus: SyncStatus;
}

/**
 * One person's weigh-ins from `start` to `end` (days in their time zone, both included),
 * oldest first, optionally from one source. `isMerged` leaves out copies: a weigh-in another
 * service reported first (lib/merge/daily) is counted once, as that service's.
 */
export async function findWeightRecords(
  db: Database,
  params: { userId: string; provider?: string; start: string; end: string; timeZone: string; isMerged?: boolean },
): Promise<WeightRecord[]> {
  const zone = sql`${params.timeZone}::text`;
  const rows = await db
    .select({
      id: bodyMeasurements.id,
      date: sql<string>`to_char(${bodyMeasurements.measuredAt} at time zone ${zone}, 'YYYY-MM-DD')`,
      measuredAt: bodyMeasurements.measuredAt,
      weightKg: bodyMeasurements.weightKg,
      bmi: bodyMeasurements.bmi,
      source: bodyMeasurements.provider,
      sourceId: bodyMeasurements.sourceId,
      syncStatus: bodyMeasurements.syncStatus,
    })
    .from(bodyMeasurements)
    .where(
      and(
        eq(bodyMeasurements.userId, params.userId),
        params.provider ? eq(bodyMeasurements.provider, params.provider) : undefined,
        isNotNull(bodyMeasurements.weightKg),
        params.isMerged
          ? notExists(
              db
                .select({ one: sql`1` })
                .from(weighInCopies)
                .where(eq(weighInCopies.measurementId, bodyMeasurements.id)),
            )
          : undefined,
        onLocalDaysIn(bodyMeasurements.measuredAt, params),
      ),
    )
    .orderBy(asc(bodyMeasurements.measuredAt))
    .limit(100_000);
  return rows.map((row) => ({
    ...row,
    measuredAt: row.measuredAt.toISOString(),
    weightKg: row.weightKg!,
    unit: "kg" as const,
  }));
}

/**
 * The person's own weigh-ins among `ids` not yet forwarded (synced), as a destination takes them;
 * others' ids are ignored.
 */
export async function findForwardableWeighIns(
  db: Database,
  params: { userId: string; ids: string[] },
): Promise<ForwardedWeighIn[]> {
  if (!params.ids.length) return [];
  const rows = await db
    .select({
      id: bodyMeasurements.id,
      measuredAt: bodyMeasurements.measuredAt,
      weightKg: bodyMeasurements.weightKg,
      bmi: bodyMeasurements.bmi,
      bodyFatPercent: bodyMeasurements.bodyFatPercent,
    })
    .from(bodyMeasurements)
    .where(
      and(
        eq(bodyMeasurements.userId, params.userId),
        inArray(bodyMeasurements.id, params.ids),
        isNotNull(bodyMeasurements.weightKg),
        ne(bodyMeasurements.syncStatus, "synced"),
      ),
    )
    .orderBy(asc(bodyMeasurements.measuredAt));
  return rows.map((row) => ({ ...row, weightKg: row.weightKg! }));
}

/** Marks forwarded weigh-ins synced, refused ones failed; only the person's own rows. */
export async function recordForwardOutcomes(
  db: Database,
  params: { userId: string; outcomes: ForwardOutcome[] },
): Promise<void> {
  for (const status of ["synced", "failed"] as const) {
    const ids = params.outcomes
      .filter((outcome) => outcome.isAccepted === (status === "synced"))
      .map((outcome) => outcome.id);
    if (!ids.length) continue;
    await db
      .update(bodyMeasurements)
      .set({ syncStatus: status, updatedAt: new Date() })
      .where(and(eq(bodyMeasurements.userId, params.userId), inArray(bodyMeasurements.id, ids)));
  }
}

/** The sources the person has weigh-ins from, by name. */
export async function findWeightSources(db: Database, params: { userId: string }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ provider: bodyMeasurements.provider })
    .from(bodyMeasurements)
    .where(and(eq(bodyMeasurements.userId, params.userId), isNotNull(bodyMeasurements.weightKg)))
    .orderBy(asc(bodyMeasurements.provider));
  return rows.map((row) => row.provider);
}
