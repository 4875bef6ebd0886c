import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { providerConnections } from "./connections";
import { createdAt, id, updatedAt } from "./columns";

// `sourceId` tells apart two accounts (or two phones) of one provider: the provider's
// user id for a connection, the device or app name for pushed data. Never null, so that
// it can take part in unique keys.
const owner = () => ({
  userId: text()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  connectionId: uuid().references(() => providerConnections.id, { onDelete: "set null" }),
  provider: text().notNull(),
  sourceId: text().notNull().default(""),
});

export const sleepSessions = pgTable(
  "sleep_sessions",
  {
    id: id(),
    ...owner(),
    externalId: text().notNull(),
    startAt: timestamp({ withTimezone: true }).notNull(),
    endAt: timestamp({ withTimezone: true }).notNull(),
    utcOffsetSeconds: integer(),
    // The night this sleep belongs to, in the sleeper's local calendar.
    localDate: date().notNull(),
    inBedS: doublePrecision(),
    asleepS: doublePrecision(),
    deepS: doublePrecision(),
    remS: doublePrecision(),
    lightS: doublePrecision(),
    awakeS: doublePrecision(),
    efficiencyPercent: doublePrecision(),
    score: doublePrecision(),
    avgHeartRateBpm: doublePrecision(),
    avgHrvMs: doublePrecision(),
    respiratoryRate: doublePrecision(),
    stages: jsonb().$type<Array<{ stage: string; startAt: string; endAt: string }>>(),
    raw: jsonb(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("sleep_sessions_provider_external_unique").on(table.userId, table.provider, table.externalId),
    index("sleep_sessions_user_date_idx").on(table.userId, table.localDate),
  ],
);

export const dailySummaries = pgTable(
  "daily_summaries",
  {
    id: id(),
    ...owner(),
    localDate: date().notNull(),
    steps: integer(),
    distanceM: doublePrecision(),
    activeEnergyKcal: doublePrecision(),
    totalEnergyKcal: doublePrecision(),
    restingHeartRateBpm: doublePrecision(),
    hrvMs: doublePrecision(),
    readinessScore: doublePrecision(),
    recoveryScore: doublePrecision(),
    strain: doublePrecision(),
    stressAvg: doublePrecision(),
    bodyBatteryHigh: doublePrecision(),
    bodyBatteryLow: doublePrecision(),
    sleepScore: doublePrecision(),
    raw: jsonb(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("daily_summaries_source_date_unique").on(table.userId, table.provider, table.sourceId, table.localDate),
    index("daily_summaries_user_date_idx").on(table.userId, table.localDate),
  ],
);

// Where a weigh-in stands in forwarding to another account (lib/weight/forward.ts): pending
// until it is forwarded (synced) or the destination refuses it (failed); local rows are not
// meant to travel (written before forwarding existed, or by a source that is a destination).
export const SYNC_STATUSES = ["synced", "pending", "failed", "local"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export const bodyMeasurements = pgTable(
  "body_measurements",
  {
    id: id(),
    ...owner(),
    measuredAt: timestamp({ withTimezone: true }).notNull(),
    // The provider's own id for the weigh-in where it has one (Google Health's data point id):
    // an edited weigh-in keeps it, so it, not the time, says which row to update.
    externalId: text(),
    weightKg: doublePrecision(),
    bmi: doublePrecision(),
    bodyFatPercent: doublePrecision(),
    muscleMassKg: doublePrecision(),
    // For weight pushed on to another account (Fitbit weight sync).
    syncStatus: text({ enum: SYNC_STATUSES }).notNull().default("local"),
    raw: jsonb(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("body_measurements_source_time_unique").on(
      table.userId,
      table.provider,
      table.sourceId,
      table.measuredAt,
    ),
    index("body_measurements_user_time_idx").on(table.userId, table.measuredAt),
    // Nulls are distinct: rows of sources without ids never collide here.
    uniqueIndex("body_measurements_provider_external_unique").on(table.userId, table.provider, table.externalId),
  ],
);

// No foreign key to users: Postgres checks one per inserted row, which measured about a third
// of a large import's write time. A user's samples still go with the user: a trigger on users
// deletes them (drizzle/0006), and every write takes its userId from the signed-in owner.
export const samples = pgTable(
  "samples",
  {
    userId: text().notNull(),
    provider: text().notNull(),
    sourceId: text().notNull().default(""),
    metric: text().notNull(),
    time: timestamp({ withTimezone: true }).notNull(),
    endTime: timestamp({ withTimezone: true }),
    value: doublePrecision().notNull(),
    unit: text().notNull(),
    meta: jsonb(),
  },
  // The natural key is the primary key, with no surrogate id: a phone's export can hold millions
  // of samples, and every extra index is written once per sample (one index instead of two
  // measured ~1.6x faster imports).
  (table) => [
    primaryKey({
      name: "samples_pkey",
      columns: [table.userId, table.metric, table.time, table.provider, table.sourceId],
    }),
  ],
);
