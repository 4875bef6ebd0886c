import { date, doublePrecision, index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import type { DailyMergeExplanation, SourceRef } from "@/lib/merge/daily/types";
import { users } from "./auth";
import { updatedAt } from "./columns";
import { bodyMeasurements, sleepSessions } from "./health";

// One history across sources (lib/merge/daily): computed when rows are written, in the same
// transaction, so reading a merged series costs one small table and a retried write redoes it.

/** One merged value per person, metric and local day, with how it was made. */
export const mergedDailyMetrics = pgTable(
  "merged_daily_metrics",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    metric: text().notNull(),
    localDate: date().notNull(),
    value: doublePrecision().notNull(),
    // The first-ranked source counted: the merged point's "source" for callers that want one.
    provider: text().notNull(),
    sourceId: text().notNull(),
    explanation: jsonb().$type<DailyMergeExplanation>().notNull(),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.metric, table.localDate] })],
);

/** The person's own order of sources for a metric (Settings -> Sources); kept across every re-sync. */
export const metricSourcePriorities = pgTable(
  "metric_source_priorities",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    metric: text().notNull(),
    sources: jsonb().$type<SourceRef[]>().notNull(),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.metric] })],
);

/** A night another source also recorded: the copy points at the night that counts. */
export const sleepSessionCopies = pgTable(
  "sleep_session_copies",
  {
    sessionId: uuid()
      .primaryKey()
      .references(() => sleepSessions.id, { onDelete: "cascade" }),
    primarySessionId: uuid()
      .notNull()
      .references(() => sleepSessions.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [index("sleep_session_copies_primary_idx").on(table.primarySessionId)],
);

/** A weigh-in another service also reported: the copy points at the weigh-in that counts. */
export const weighInCopies = pgTable(
  "weigh_in_copies",
  {
    measurementId: uuid()
      .primaryKey()
      .references(() => bodyMeasurements.id, { onDelete: "cascade" }),
    primaryMeasurementId: uuid()
      .notNull()
      .references(() => bodyMeasurements.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [index("weigh_in_copies_primary_idx").on(table.primaryMeasurementId)],
);
