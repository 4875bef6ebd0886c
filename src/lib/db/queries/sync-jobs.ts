import { and, desc, eq, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { UpsertCounts } from "@/lib/sync/records";
import type { Database } from "../client";
import { syncJobs, type StreamStatuses, type SyncJob } from "../schema";

// Renewed by a heartbeat while the job runs (run-job.ts): a crashed worker's job is taken up
// again within a minute.
export const LEASE_MS = 60_000;

/**
 * Queues a job, unless the connection already has one unfinished (or the idempotency key was
 * used): then that job is returned, so concurrent "sync now" requests end up as one run.
 */
export async function createSyncJob(
  db: Database,
  params: {
    userId: string;
    /** Null for a job about the person's whole history rather than one account (a re-merge). */
    connectionId: string | null;
    kind: string;
    payload?: Record<string, unknown>;
    idempotencyKey?: string;
    /** Not before then (a forwarding retry's backoff); now when unset. */
    runAfter?: Date;
  },
): Promise<{ job: SyncJob; isNew: boolean }> {
  const runAfter = params.runAfter ?? new Date();
  const rows = await db.execute<{ id: string }>(sql`
    insert into sync_jobs (user_id, connection_id, kind, payload, idempotency_key, run_after)
    values (${params.userId}, ${params.connectionId}, ${params.kind}, ${JSON.stringify(params.payload ?? {})}::jsonb, ${params.idempotencyKey ?? null}, ${runAfter.toISOString()}::timestamptz)
    on conflict do nothing
    returning id`);
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: { id: string }[] }).rows;
  if (list[0]) return { job: (await getSyncJob(db, { jobId: list[0].id }))!, isNew: true };
  const existing = params.idempotencyKey
    ? (await db.select().from(syncJobs).where(eq(syncJobs.idempotencyKey, params.idempotencyKey)).limit(1))[0]
    : undefined;
  const job =
    existing ??
    (params.connectionId ? await findActiveJob(db, { connectionId: params.connectionId, kind: params.kind }) : null);
  if (!job) throw new AppError("CONFLICT", "The sync could not be queued; try again.");
  return {
    job: await mergeIntoJob(db, {
      jobId: job.id,
      payload: params.payload ?? {},
      runAfter: job.kind === "forward" ? runAfter : undefined,
    }),
    isNew: false,
  };
}

/**
 * A request that joins an unfinished job still asks for what only it names, merged in one
 * jsonb update so concurrent pushes cannot overwrite each other's: a ping's callback URLs go
 * onto the job's list, and the streams to run (`streams`; none means every stream) become
 * the union, so a job that runs everything stays so and a full sync widens a targeted one.
 */
async function mergeIntoJob(
  db: Database,
  params: { jobId: string; payload: Record<string, unknown>; runAfter?: Date },
): Promise<SyncJob> {
  const { callbackUrls, historyDays, forceRuleIds } = params.payload;
  let payload = sql`${syncJobs.payload}`;
  // A new history choice changes the payload, so a running job takes one more round and asks for it.
  if (historyDays !== undefined)
    payload = sql`jsonb_set(${payload}, '{historyDays}', ${JSON.stringify(historyDays)}::jsonb)`;
  if (Array.isArray(callbackUrls) && callbackUrls.length) {
    payload = sql`jsonb_set(${payload}, '{callbackUrls}', coalesce(${syncJobs.payload}->'callbackUrls', '[]'::jsonb) || ${JSON.stringify(callbackUrls)}::jsonb)`;
  }
  // A forwarding run's forced rules add up: each request's --force stays its own rules'.
  if (Array.isArray(forceRuleIds) && forceRuleIds.length) {
    payload = sql`jsonb_set(${payload}, '{forceRuleIds}', coalesce(${syncJobs.payload}->'forceRuleIds', '[]'::jsonb) || ${JSON.stringify(forceRuleIds)}::jsonb)`;
  }
  // Lists that narrow a job (a sync's streams, a forwarding run's rules): none means all.
  for (const key of ["streams", "ruleIds"] as const) {
    const asked = params.payload[key];
    payload = Array.isArray(asked)
      ? sql`case when ${syncJobs.payload}->${key}::text is null then ${payload} else jsonb_set(${payload}, ${`{${key}}`}::text[], (
          select jsonb_agg(distinct item order by item)
          from jsonb_array_elements_text((${syncJobs.payload}->${key}::text) || ${JSON.stringify(asked)}::jsonb) as joined(item))) end`
      : sql`(${payload}) - ${key}::text`;
  }
  const [job] = await db
    .update(syncJobs)
    .set({
      payload,
      // A forwarding run asked for now is not held back by a queued retry's backoff.
      ...(params.runAfter
        ? { runAfter: sql`least(${syncJobs.runAfter}, ${params.runAfter.toISOString()}::timestamptz)` }
        : {}),
      updatedAt: new Date(),
    })
    .where(eq(syncJobs.id, params.jobId))
    .returning();
  if (!job) throw new AppError("CONFLICT", "The sync could not be queued; try again.");
  return job;
}

// Kinds that queue beside a connection's sync instead of joining it (see the indexes in schema/jobs.ts).
const OWN_QUEUE_KINDS = ["push", "weight", "forward"];

/**
 * An unfinished job this one would join, if any: a second "sync now" joins the sync (a push
 * body's job is no sync), a second weight walk joins the weight walk, a forwarding run the
 * forwarding run.
 */
export async function findActiveJob(
  db: Database,
  params: { connectionId: string; kind?: string },
): Promise<SyncJob | null> {
  const kind =
    params.kind === "weight" || params.kind === "forward"
      ? eq(syncJobs.kind, params.kind)
      : notInArray(syncJobs.kind, OWN_QUEUE_KINDS);
  const [job] = await db
    .select()
    .from(syncJobs)
    .where(
      and(
        eq(syncJobs.connectionId, params.connectionId),
        inArray(syncJobs.status, ["pending", "running", "waiting"]),
        kind,
      ),
    )
    .orderBy(desc(syncJobs.createdAt))
    .limit(1);
  return job ?? null;
}

/**
 * Claims a runnable job: pending or re-queued and due, or running with its lease run out (its
 * worker died; that is how work resumes after a crash). Never a second job of one connection,
 * nor a job of a provider whose app-wide request budget is spent (another job waits on it).
 * Users take turns: the one with the fewest jobs running, then the one who started a job
 * least recently, then each user's own jobs in queue order, so one person's long backfill
 * never keeps another's sync from a worker.
 */
export async function claimNextJob(db: Database, params: { connectionId?: string } = {}): Promise<SyncJob | null> {
  const isRunnable = (job: string) =>
    sql.raw(
      `${job}.status in ('pending', 'running', 'waiting') and ${job}.run_after <= now() and (${job}.lease_expires_at is null or ${job}.lease_expires_at < now())`,
    );
  const rows = await db.execute<{ id: string }>(sql`
    with candidates as (
      select j.id, j.user_id, j.run_after, row_number() over (partition by j.user_id order by j.run_after, j.created_at) as user_turn
      from sync_jobs j
      left join provider_connections c on c.id = j.connection_id
      where ${params.connectionId ? sql`j.connection_id = ${params.connectionId} and ` : sql``}${isRunnable("j")}
        and not exists (
          select 1 from sync_jobs paused
          where paused.waiting_on = c.provider and paused.waiting_until > now() and paused.id <> j.id)
        and not exists (
          select 1 from sync_jobs other
          where other.connection_id = j.connection_id and other.id <> j.id
            and other.status in ('running', 'waiting') and other.lease_expires_at >= now()))
    update sync_jobs set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
      lease_expires_at = now() + ${`${LEASE_MS} milliseconds`}::interval, waiting_until = null, waiting_on = null, updated_at = now()
    where id = (
      select j.id from sync_jobs j
      join candidates k on k.id = j.id
      where ${isRunnable("j")}
      order by
        (select count(*) from sync_jobs busy where busy.user_id = k.user_id and busy.status in ('running', 'waiting') and busy.lease_expires_at >= now()),
        (select max(started.started_at) from sync_jobs started where started.user_id = k.user_id) nulls first,
        k.user_turn,
        k.run_after
      limit 1
      for update of j skip locked)
    returning id`);
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: { id: string }[] }).rows;
  const id = list[0]?.id;
  return id ? getSyncJob(db, { jobId: id }) : null;
}

/** Keeps a running job's claim while its worker is alive (a heartbeat), so the lease can be short. */
export async function renewJobLease(db: Database, params: { jobId: string }): Promise<void> {
  await db
    .update(syncJobs)
    .set({
      leaseExpiresAt: sql`greatest(${syncJobs.leaseExpiresAt}, now() + ${`${LEASE_MS} milliseconds`}::interval)`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(syncJobs.id, params.jobId),
        inArray(syncJobs.status, ["running", "waiting"]),
        isNotNull(syncJobs.leaseExpiresAt),
      ),
    );
}

/**
 * Gives a job's worker back until the provider lets it continue: queued again for `until`,
 * shown as waiting, and the claim's attempt handed back, since nothing failed.
 */
export async function deferJob(db: Database, params: { jobId: string; until: Date; waitingOn: string }): Promise<void> {
  await db
    .update(syncJobs)
    .set({
      status: "waiting",
      runAfter: params.until,
      waitingUntil: params.until,
      waitingOn: params.waitingOn,
      attempts: sql`greatest(${syncJobs.attempts} - 1, 0)`,
      leaseExpiresAt: null,
      updatedAt: new Date(),
    })
    .where(eq(syncJobs.id, params.jobId));
}

/** Marks a job running for a worker that was handed it directly (Trigger.dev). */
export async function startJob(db: Database, params: { jobId: string }): Promise<SyncJob> {
  const [job] = await db
    .update(syncJobs)
    .set({
      status: "running",
      attempts: sql`${syncJobs.attempts} + 1`,
      startedAt: sql`coalesce(${syncJobs.startedAt}, now())`,
      leaseExpiresAt: sql`now() + ${`${LEASE_MS} milliseconds`}::interval`,
      waitingUntil: null,
      waitingOn: null,
      updatedAt: new Date(),
    })
    .where(eq(syncJobs.id, params.jobId))
    .returning();
  if (!job) throw new AppError("NOT_FOUND", `Job ${params.jobId} does not exist.`);
  return job;
}

export async function getSyncJob(db: Database, params: { jobId: string }): Promise<SyncJob | null> {
  const [job] = await db.select().from(syncJobs).where(eq(syncJobs.id, params.jobId)).limit(1);
  return job ?? null;
}

export async function getUserJobOrThrow(db: Database, params: { userId: string; jobId: string }): Promise<SyncJob> {
  const [job] = await db
    .select()
    .from(syncJobs)
    .where(and(eq(syncJobs.id, params.jobId), eq(syncJobs.userId, params.userId)))
    .limit(1);
  if (!job) throw new AppError("NOT_FOUND", "No such job.");
  return job;
}

/** Adds a committed page's counts; called inside that page's transaction. Renews the lease. */
export async function recordJobProgress(
  db: Database,
  params: { jobId: string; counts: UpsertCounts; progress?: { done: number; total: number | null } },
) {
  const { counts } = params;
  await db
    .update(syncJobs)
    .set({
      inserted: sql`${syncJobs.inserted} + ${counts.inserted}`,
      updated: sql`${syncJobs.updated} + ${counts.updated}`,
      unchanged: sql`${syncJobs.unchanged} + ${counts.unchanged}`,
      rejected: sql`${syncJobs.rejected} + ${counts.rejected}`,
      ...(params.progress ? { progressDone: params.progress.done, progressTotal: params.progress.total } : {}),
      // The next page may already be waiting out a 429 while this one commits: keep showing that.
      status: sql`case when ${syncJobs.waitingUntil} > now() then 'waiting' else 'running' end`,
      waitingUntil: sql`case when ${syncJobs.waitingUntil} > now() then ${syncJobs.waitingUntil} else null end`,
      leaseExpiresAt: sql`greatest(coalesce(${syncJobs.leaseExpiresAt}, now()), now() + ${`${LEASE_MS} milliseconds`}::interval)`,
      updatedAt: new Date(),
    })
    .where(eq(syncJobs.id, params.jobId));
}

/**
 * Sets one key of a job's payload in place (a weight walk's cursor, a widened scope); other
 * keys, and what concurrent requests merged in, stay. Call it in the page's transaction.
 */
export async function setJobPayloadValue(
  db: Database,
  params: { jobId: string; key: string; value: string | number | boolean },
): Promise<void> {
  await db
    .update(syncJobs)
    .set({
      payload: sql`jsonb_set(${syncJobs.payload}, ${`{${params.key}}`}::text[], ${JSON.stringify(params.value)}::jsonb)`,
      updatedAt: new Date(),
    })
    .where(eq(syncJobs.id, params.jobId));
}

/** The job sleeps on a provider's rate limit until `until`; the UI shows it. */
export async function markJobWaiting(db: Database, params: { jobId: string; until: Date }) {
  await db
    .update(syncJobs)
    .set({
      status: "waiting",
      waitingUntil: params.until,
      leaseExpiresAt: new Date(params.until.getTime() + LEASE_MS),
      updatedAt: new Date(),
    })
    .where(eq(syncJobs.id, params.jobId));
}

export async function finishJob(
  db: Database,
  params: { jobId: string; status: "succeeded" | "partial" | "failed" | "cancelled"; error?: string },
) {
  await db
    .update(syncJobs)
    .set({
      status: params.status,
      error: params.error ?? null,
      finishedAt: new Date(),
      waitingUntil: null,
      waitingOn: null,
      leaseExpiresAt: null,
      updatedAt: new Date(),
    })
    .where(eq(syncJobs.id, params.jobId));
}

/** How the job's streams ended, merged over what an earlier attempt of it recorded. */
export async function recordJobStreams(db: Database, params: { jobId: string; statuses: StreamStatuses }) {
  if (!Object.keys(params.statuses).length) return;
  await db
    .update(syncJobs)
    .set({
      streamStatus: sql`${syncJobs.streamStatus} || ${JSON.stringify(params.statuses)}::jsonb`,
      updatedAt: new Date(),
    })
    .where(eq(syncJobs.id, params.jobId));
}

/** Puts a failed attempt back in the queue to run after a backoff. */
export async function retryJobLater(db: Database, params: { jobId: string; runAfter: Date; error: string }) {
  await db
    .update(syncJobs)
    .set({
      status: "pending",
      runAfter: params.runAfter,
      error: params.error,
      leaseExpiresAt: null,
      waitingUntil: null,
      waitingOn: null,
      updatedAt: new Date(),
    })
    .where(eq(syncJobs.id, params.jobId));
}

export async function setJobTriggerRun(db: Database, params: { jobId: string; triggerRunId: string }) {
  await db
    .update(syncJobs)
    .set({ triggerRunId: params.triggerRunId, updatedAt: new Date() })
    .where(eq(syncJobs.id, params.jobId));
}

/**
 * After a restart of the only process (embedded mode), running jobs have no worker left. A job
 * deferred to a rate-limit window holds no lease and keeps its place and its wait.
 */
export async function requeueRunningJobs(db: Database): Promise<void> {
  await db
    .update(syncJobs)
    .set({ status: "pending", leaseExpiresAt: null, waitingUntil: null, waitingOn: null, updatedAt: new Date() })
    .where(and(inArray(syncJobs.status, ["running", "waiting"]), isNotNull(syncJobs.leaseExpiresAt)));
}

/** The person's newest job of one kind (their latest weight walk), for picking up its progress on a page load. */
export async function findLatestJobOfKind(
  db: Database,
  params: { userId: string; kind: string },
): Promise<SyncJob | null> {
  const [job] = await db
    .select()
    .from(syncJobs)
    .where(and(eq(syncJobs.userId, params.userId), eq(syncJobs.kind, params.kind)))
    .orderBy(desc(syncJobs.createdAt))
    .limit(1);
  return job ?? null;
}

/**
 * The newest sync of each of these connections, for status lines. A weight walk and a
 * forwarding run are left out: their failures say nothing about the connection's syncs (the
 * Health page shows the one, findActiveForwardJobs the other).
 */
export async function findLatestJobs(db: Database, params: { userId: string }): Promise<Map<string, SyncJob>> {
  const rows = await db
    .selectDistinctOn([syncJobs.connectionId])
    .from(syncJobs)
    .where(and(eq(syncJobs.userId, params.userId), notInArray(syncJobs.kind, ["weight", "forward"])))
    .orderBy(syncJobs.connectionId, desc(syncJobs.createdAt));
  return new Map(rows.filter((job) => job.connectionId).map((job) => [job.connectionId!, job]));
}

/** Unfinished forwarding runs by source account, for the progress line beside its sync's. */
export async function findActiveForwardJobs(db: Database, params: { userId: string }): Promise<Map<string, SyncJob>> {
  const rows = await db
    .select()
    .from(syncJobs)
    .where(
      and(
        eq(syncJobs.userId, params.userId),
        eq(syncJobs.kind, "forward"),
        inArray(syncJobs.status, ["pending", "running", "waiting"]),
      ),
    );
  return new Map(rows.filter((job) => job.connectionId).map((job) => [job.connectionId!, job]));
}

/** A person's recent forwarding runs, newest first. */
export async function listForwardJobs(db: Database, params: { userId: string; limit: number }): Promise<SyncJob[]> {
  return db
    .select()
    .from(syncJobs)
    .where(and(eq(syncJobs.userId, params.userId), eq(syncJobs.kind, "forward")))
    .orderBy(desc(syncJobs.createdAt))
    .limit(params.limit);
}

/**
 * Per connection, when a scheduled sync last found new rows: with the provider's pushes, this
 * tells a provider that stopped pushing (the poll keeps finding data nobody announced).
 */
export async function findLastScheduledFinds(db: Database, params: { userId: string }): Promise<Map<string, Date>> {
  const rows = await db
    .select({
      connectionId: syncJobs.connectionId,
      finishedAt: sql<Date>`max(${syncJobs.finishedAt})`.mapWith(syncJobs.finishedAt),
    })
    .from(syncJobs)
    .where(
      and(
        eq(syncJobs.userId, params.userId),
        eq(syncJobs.status, "succeeded"),
        sql`${syncJobs.payload}->>'reason' = 'scheduled'`,
        sql`${syncJobs.inserted} > 0`,
      ),
    )
    .groupBy(syncJobs.connectionId);
  return new Map(
    rows.filter((row) => row.connectionId && row.finishedAt).map((row) => [row.connectionId!, row.finishedAt]),
  );
}
