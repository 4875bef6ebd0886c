import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { activities } from "./activities";
import { providerConnections } from "./connections";
import { syncJobs } from "./jobs";
import { createdAt, id, updatedAt } from "./columns";

export const CONFLICT_STRATEGIES = ["skip_existing", "replace_existing"] as const;
export type ConflictStrategy = (typeof CONFLICT_STRATEGIES)[number];

// One rule: copy a source account's activities (of these types, in this range) to a destination account.
export const forwardingRules = pgTable(
  "forwarding_rules",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sourceConnectionId: uuid()
      .notNull()
      .references(() => providerConnections.id, { onDelete: "cascade" }),
    destinationConnectionId: uuid()
      .notNull()
      .references(() => providerConnections.id, { onDelete: "cascade" }),
    // Normalized activity types (activities.type); empty means every type.
    activityTypes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    startDate: timestamp({ withTimezone: true }),
    endDate: timestamp({ withTimezone: true }),
    conflictStrategy: text({ enum: CONFLICT_STRATEGIES }).notNull().default("skip_existing"),
    isEnabled: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index("forwarding_rules_user_idx").on(table.userId),
    index("forwarding_rules_source_idx").on(table.sourceConnectionId),
  ],
);

export type ForwardingRule = typeof forwardingRules.$inferSelect;

export const FORWARDING_DECISIONS = ["uploaded", "skipped_existing", "replaced", "failed", "pending"] as const;
export type ForwardingDecision = (typeof FORWARDING_DECISIONS)[number];

// One row per (source activity, destination account), written before the upload is sent: a
// crash after the provider accepted the file leaves a pending row (with the upload id once
// known) that the next run polls instead of uploading again.
export const forwardingLog = pgTable(
  "forwarding_log",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ruleId: uuid().references(() => forwardingRules.id, { onDelete: "set null" }),
    // The forwarding run (a 'forward' job) that last decided this pair; null for a run outside the job queue.
    jobId: uuid().references(() => syncJobs.id, { onDelete: "set null" }),
    sourceActivityId: uuid()
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    destinationConnectionId: uuid()
      .notNull()
      .references(() => providerConnections.id, { onDelete: "cascade" }),
    decision: text({ enum: FORWARDING_DECISIONS }).notNull(),
    // The copy found on (or created at) the destination: our row and the provider's id.
    matchedActivityId: uuid().references(() => activities.id, { onDelete: "set null" }),
    matchedExternalId: text(),
    uploadId: text(),
    message: text(),
    attempts: integer().notNull().default(0),
    // When a failed upload may be tried again (backoff); null when nothing is left to do.
    nextAttemptAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("forwarding_log_pair_unique").on(table.sourceActivityId, table.destinationConnectionId),
    index("forwarding_log_user_idx").on(table.userId, table.updatedAt),
    index("forwarding_log_rule_idx").on(table.ruleId),
    index("forwarding_log_job_idx").on(table.jobId),
  ],
);

export type ForwardingLogEntry = typeof forwardingLog.$inferSelect;
