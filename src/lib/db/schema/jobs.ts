import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { providerConnections, type StreamStatuses } from "./connections";
import { createdAt, id, updatedAt } from "./columns";

// partial: finished, but some streams were refused or unreadable (see streamStatus).
export const JOB_STATUSES = ["pending", "running", "waiting", "succeeded", "partial", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const syncJobs = pgTable(
  "sync_jobs",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    connectionId: uuid().references(() => providerConnections.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    status: text({ enum: JOB_STATUSES }).notNull().default("pending"),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    progressDone: integer().notNull().default(0),
    progressTotal: integer(),
    inserted: integer().notNull().default(0),
    updated: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    rejected: integer().notNull().default(0),
    attempts: integer().notNull().default(0),
    error: text(),
    // How each stream of this run ended; a `partial` job names the ones that did not.
    streamStatus: jsonb().$type<StreamStatuses>().notNull().default({}),
    // Set while a job sleeps on a provider's rate limit, so the UI can say until when.
    waitingUntil: timestamp({ withTimezone: true }),
    // The request budget a waiting job waits for (the provider's slug when the whole app shares
    // it, else slug:connection): other jobs of a spent app-wide budget are not started meanwhile.
    waitingOn: text(),
    runAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    // A running job's claim; a worker that dies stops renewing it and the job is picked up again.
    leaseExpiresAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    idempotencyKey: text(),
    triggerRunId: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("sync_jobs_queue_idx").on(table.status, table.runAfter),
    index("sync_jobs_connection_idx").on(table.connectionId, table.status),
    index("sync_jobs_user_idx").on(table.userId, table.createdAt),
    // A user's latest start, for taking turns between users when claiming.
    index("sync_jobs_user_started_idx").on(table.userId, table.startedAt),
    uniqueIndex("sync_jobs_idempotency_unique").on(table.idempotencyKey),
    // At most one unfinished sync per connection: a second "sync now" joins the first. Writing
    // a kept push body ('push', one job per body) is not a sync: it queues beside it, and the
    // runner still runs one job per connection at a time. A weight history walk ('weight')
    // queues beside the sync too, one at a time per connection (its own index below).
    // A forwarding run ('forward', on the source account) queues beside the sync too.
    uniqueIndex("sync_jobs_one_sync_per_connection")
      .on(table.connectionId)
      .where(sql`status in ('pending', 'running', 'waiting') and kind not in ('push', 'weight', 'forward')`),
    uniqueIndex("sync_jobs_one_weight_per_connection")
      .on(table.connectionId)
      .where(sql`status in ('pending', 'running', 'waiting') and kind = 'weight'`),
    uniqueIndex("sync_jobs_one_forward_per_connection")
      .on(table.connectionId)
      .where(sql`status in ('pending', 'running', 'waiting') and kind = 'forward'`),
  ],
);

export type SyncJob = typeof syncJobs.$inferSelect;
