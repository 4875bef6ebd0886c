import { and, asc, desc, eq, gt, gte, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { activities, forwardingLog, type Activity, type ForwardingLogEntry } from "../schema";

export type ActivityRow = Pick<Activity, "id" | "externalId" | "type" | "name" | "startAt" | "durationS">;
const ACTIVITY_COLUMNS = {
  id: activities.id,
  externalId: activities.externalId,
  type: activities.type,
  name: activities.name,
  startAt: activities.startAt,
  durationS: activities.durationS,
};

/** One account's activities in a range, of some types (none = all), oldest first. */
export async function listConnectionActivities(
  db: Database,
  params: { userId: string; connectionId: string; types?: readonly string[]; from?: Date | null; to?: Date | null },
): Promise<ActivityRow[]> {
  return db
    .select(ACTIVITY_COLUMNS)
    .from(activities)
    .where(
      and(
        eq(activities.userId, params.userId),
        eq(activities.connectionId, params.connectionId),
        params.types?.length ? inArray(activities.type, [...params.types]) : undefined,
        params.from ? gte(activities.startAt, params.from) : undefined,
        params.to ? lte(activities.startAt, params.to) : undefined,
      ),
    )
    .orderBy(asc(activities.startAt), asc(activities.id));
}

/** The log entries of these source activities for one destination, by source activity id. */
export async function findLogEntries(
  db: Database,
  params: { userId: string; destinationConnectionId: string; sourceActivityIds: string[] },
): Promise<Map<string, ForwardingLogEntry>> {
  if (!params.sourceActivityIds.length) return new Map();
  const rows = await db
    .select()
    .from(forwardingLog)
    .where(
      and(
        eq(forwardingLog.userId, params.userId),
        eq(forwardingLog.destinationConnectionId, params.destinationConnectionId),
        inArray(forwardingLog.sourceActivityId, params.sourceActivityIds),
      ),
    );
  return new Map(rows.map((row) => [row.sourceActivityId, row]));
}

/** What a plan saw of an entry: enough to take it only if nothing changed since. */
export type SeenEntry = Pick<ForwardingLogEntry, "id" | "attempts" | "decision">;

type Pair = {
  userId: string;
  ruleId: string | null;
  sourceActivityId: string;
  destinationConnectionId: string;
  /** The forwarding run deciding it, when it runs as a job. */
  jobId?: string | null;
};

/**
 * Takes the pair for an upload by writing its pending entry first. A new pair is taken by
 * inserting; a known one only if it is still as the plan saw it (every claim counts an attempt), so two runs
 * planned at once cannot both upload. Returns the entry, or null when another run has it.
 */
export async function claimLogEntry(
  db: Database,
  params: Pair & { seen: SeenEntry | null },
): Promise<ForwardingLogEntry | null> {
  const pending = { decision: "pending" as const, uploadId: null, message: null, nextAttemptAt: null };
  if (!params.seen) {
    const [row] = await db
      .insert(forwardingLog)
      .values({
        ...pending,
        userId: params.userId,
        ruleId: params.ruleId,
        sourceActivityId: params.sourceActivityId,
        destinationConnectionId: params.destinationConnectionId,
        jobId: params.jobId ?? null,
        attempts: 1,
      })
      .onConflictDoNothing()
      .returning();
    return row ?? null;
  }
  const [row] = await db
    .update(forwardingLog)
    .set({
      ...pending,
      ruleId: params.ruleId,
      jobId: params.jobId ?? null,
      attempts: sql`${forwardingLog.attempts} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(forwardingLog.id, params.seen.id),
        eq(forwardingLog.attempts, params.seen.attempts),
        eq(forwardingLog.decision, params.seen.decision),
      ),
    )
    .returning();
  return row ?? null;
}

/** Records what happened to a pair; creates the entry for a decision that needed no claim (a skip). */
export async function writeLogEntry(
  db: Database,
  params: Pair &
    Partial<
      Pick<ForwardingLogEntry, "matchedActivityId" | "matchedExternalId" | "uploadId" | "message" | "nextAttemptAt">
    > & {
      decision: ForwardingLogEntry["decision"];
    },
): Promise<ForwardingLogEntry> {
  const values = {
    decision: params.decision,
    matchedActivityId: params.matchedActivityId ?? null,
    matchedExternalId: params.matchedExternalId ?? null,
    message: params.message ?? null,
    nextAttemptAt: params.nextAttemptAt ?? null,
    jobId: params.jobId ?? null,
    ...(params.uploadId !== undefined ? { uploadId: params.uploadId } : {}),
  };
  const [row] = await db
    .insert(forwardingLog)
    .values({
      ...values,
      userId: params.userId,
      ruleId: params.ruleId,
      sourceActivityId: params.sourceActivityId,
      destinationConnectionId: params.destinationConnectionId,
    })
    .onConflictDoUpdate({
      target: [forwardingLog.sourceActivityId, forwardingLog.destinationConnectionId],
      set: { ...values, ruleId: params.ruleId, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

/** Keeps the provider's upload id on the pending entry the moment it is known. */
export async function setLogUploadId(db: Database, params: { entryId: string; uploadId: string }): Promise<void> {
  await db
    .update(forwardingLog)
    .set({ uploadId: params.uploadId, updatedAt: new Date() })
    .where(eq(forwardingLog.id, params.entryId));
}

export async function listRecentLog(
  db: Database,
  params: { userId: string; ruleId?: string; limit: number },
): Promise<ForwardingLogEntry[]> {
  return db
    .select()
    .from(forwardingLog)
    .where(
      and(eq(forwardingLog.userId, params.userId), params.ruleId ? eq(forwardingLog.ruleId, params.ruleId) : undefined),
    )
    .orderBy(desc(forwardingLog.updatedAt))
    .limit(params.limit);
}

export type LogEntryWithActivity = ForwardingLogEntry & {
  activity: Pick<Activity, "name" | "type" | "startAt">;
};

/** The decisions forwarding runs ('forward' jobs) made, as their entries now stand, with the source activity. */
export async function listJobLog(
  db: Database,
  params: { userId: string; jobIds: string[] },
): Promise<LogEntryWithActivity[]> {
  if (!params.jobIds.length) return [];
  const rows = await db
    .select({
      entry: forwardingLog,
      activity: { name: activities.name, type: activities.type, startAt: activities.startAt },
    })
    .from(forwardingLog)
    .innerJoin(activities, eq(activities.id, forwardingLog.sourceActivityId))
    .where(and(eq(forwardingLog.userId, params.userId), inArray(forwardingLog.jobId, params.jobIds)))
    .orderBy(asc(activities.startAt), asc(forwardingLog.id));
  return rows.map((row) => ({ ...row.entry, activity: row.activity }));
}

/**
 * The earliest retry still to come for the failed uploads of these rules: when the next
 * forwarding run should start so the backoff is kept, neither sooner nor much later.
 */
export async function findNextRetryAt(
  db: Database,
  params: { userId: string; ruleIds: string[]; after: Date },
): Promise<Date | null> {
  if (!params.ruleIds.length) return null;
  const [row] = await db
    .select({ at: sql<Date | null>`min(${forwardingLog.nextAttemptAt})`.mapWith(forwardingLog.nextAttemptAt) })
    .from(forwardingLog)
    .where(
      and(
        eq(forwardingLog.userId, params.userId),
        inArray(forwardingLog.ruleId, params.ruleIds),
        eq(forwardingLog.decision, "failed"),
        gt(forwardingLog.nextAttemptAt, params.after),
      ),
    );
  return row?.at ?? null;
}

/**
 * Which of an account's activities are copies forwarding put there (by the provider's id the
 * log kept): a rule from that account does not send them on, so two rules pointing at each
 * other never pass one activity back and forth.
 */
export async function findForwardedCopies(
  db: Database,
  params: { userId: string; connectionId: string; externalIds: string[] },
): Promise<Set<string>> {
  if (!params.externalIds.length) return new Set();
  const rows = await db
    .select({ externalId: forwardingLog.matchedExternalId })
    .from(forwardingLog)
    .where(
      and(
        eq(forwardingLog.userId, params.userId),
        eq(forwardingLog.destinationConnectionId, params.connectionId),
        inArray(forwardingLog.decision, ["uploaded", "replaced"]),
        inArray(forwardingLog.matchedExternalId, params.externalIds),
      ),
    );
  return new Set(rows.map((row) => row.externalId!));
}
