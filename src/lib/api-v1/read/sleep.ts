import { and, desc, eq, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/lib/db/client";
import { sleepSessionCopies, sleepSessions } from "@/lib/db/schema";
import { encodeCursor } from "../cursor";
import { isoLocal, isoUtc } from "../local-time";
import type { DatedQuery, Page, SleepRow } from "../schemas";
import { dateRange, notFromSources, toPage } from "./range";

// The read of sleep sessions, by the night's local date. Without a source, a night several
// sources recorded is listed once (sleep_session_copies, lib/merge/daily); with one, that
// source's own nights.

const columns = {
  id: sleepSessions.id,
  provider: sleepSessions.provider,
  sourceId: sleepSessions.sourceId,
  externalId: sleepSessions.externalId,
  localDate: sleepSessions.localDate,
  startAt: sleepSessions.startAt,
  endAt: sleepSessions.endAt,
  utcOffsetSeconds: sleepSessions.utcOffsetSeconds,
  inBedS: sleepSessions.inBedS,
  asleepS: sleepSessions.asleepS,
  deepS: sleepSessions.deepS,
  remS: sleepSessions.remS,
  lightS: sleepSessions.lightS,
  awakeS: sleepSessions.awakeS,
  efficiencyPercent: sleepSessions.efficiencyPercent,
  score: sleepSessions.score,
  avgHeartRateBpm: sleepSessions.avgHeartRateBpm,
  avgHrvMs: sleepSessions.avgHrvMs,
  respiratoryRate: sleepSessions.respiratoryRate,
  stages: sleepSessions.stages,
};

const primaryNight = alias(sleepSessions, "primary_night");

/**
 * Not a copy of a night that is listed: a copy whose counted night comes from a source left
 * out (kept from AI tools) stands in for it.
 */
const notACopy = (db: Database, excluded: readonly string[] | undefined) =>
  notExists(
    db
      .select({ one: sql`1` })
      .from(sleepSessionCopies)
      .innerJoin(primaryNight, eq(primaryNight.id, sleepSessionCopies.primarySessionId))
      .where(and(eq(sleepSessionCopies.sessionId, sleepSessions.id), notFromSources(primaryNight.provider, excluded))),
  );

/** One page of the person's sleep, latest night first. */
export async function readSleepPage(
  db: Database,
  params: {
    userId: string;
    query: DatedQuery;
    /** Sources left out whatever the query says (those the person keeps from AI tools). */
    excludedSources?: readonly string[];
    /** Every source's own nights, copies included (the export's table dump). */
    allSources?: boolean;
  },
): Promise<Page<SleepRow>> {
  const { query } = params;
  const after = query.cursor;
  const rows = await db
    .select(columns)
    .from(sleepSessions)
    .where(
      and(
        eq(sleepSessions.userId, params.userId),
        query.source ? eq(sleepSessions.provider, query.source) : undefined,
        notFromSources(sleepSessions.provider, params.excludedSources),
        query.source || params.allSources ? undefined : notACopy(db, params.excludedSources),
        ...dateRange(sleepSessions.localDate, query),
        after
          ? sql`(${sleepSessions.localDate}, ${sleepSessions.id}) < (${after[0]}::date, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(sleepSessions.localDate), desc(sleepSessions.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    ({ provider, localDate, startAt, endAt, ...rest }) => ({
      ...rest,
      source: provider,
      date: localDate,
      startAt: isoUtc(startAt),
      endAt: isoUtc(endAt),
      startLocal: isoLocal(startAt, rest.utcOffsetSeconds),
      endLocal: isoLocal(endAt, rest.utcOffsetSeconds),
    }),
    (row) => [row.localDate, row.id],
    encodeCursor,
  );
}
