import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { providerConnections } from "./connections";
import { createdAt, id, updatedAt } from "./columns";

// SI units throughout: metres, seconds, kcal, bpm, watts, metres per second.
export const activities = pgTable(
  "activities",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    connectionId: uuid().references(() => providerConnections.id, { onDelete: "set null" }),
    provider: text().notNull(),
    externalId: text().notNull(),
    type: text().notNull(),
    providerType: text(),
    name: text(),
    startAt: timestamp({ withTimezone: true }).notNull(),
    utcOffsetSeconds: integer(),
    durationS: doublePrecision(),
    movingTimeS: doublePrecision(),
    distanceM: doublePrecision(),
    elevationGainM: doublePrecision(),
    energyKcal: doublePrecision(),
    avgHeartRateBpm: doublePrecision(),
    maxHeartRateBpm: doublePrecision(),
    avgPowerW: doublePrecision(),
    avgSpeedMps: doublePrecision(),
    maxSpeedMps: doublePrecision(),
    device: text(),
    polyline: text(),
    raw: jsonb(),
    // Set on a copy of another source's activity (src/lib/merge/activities/): the primary it
    // is shown as. Null for a primary or an activity with no copies, the rows lists and totals count.
    mergedIntoId: uuid().references((): AnyPgColumn => activities.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("activities_provider_external_unique").on(table.userId, table.provider, table.externalId),
    // Keyset pagination newest-first, plus the filters the activity list offers. The columns sort
    // exactly as the list's ORDER BY (start_at DESC, id DESC, and DESC means NULLS FIRST in
    // Postgres): otherwise the planner cannot use the index for the order and sorts every row
    // instead. It also serves the (start_at, id) < cursor condition, so a page at any depth
    // reads only its own rows.
    index("activities_user_start_idx").on(
      table.userId,
      table.startAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index("activities_user_type_start_idx").on(
      table.userId,
      table.type,
      table.startAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index("activities_user_provider_start_idx").on(
      table.userId,
      table.provider,
      table.startAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // Name search is `ILIKE '%text%'`, which no b-tree can serve; trigrams can (pg_trgm, loaded
    // into PGlite by db/client.ts).
    index("activities_name_trgm_idx").using("gin", table.name.op("gin_trgm_ops")),
    // Forwarding rules detect conflicts by start time across accounts.
    index("activities_connection_start_idx").on(table.connectionId, table.startAt),
    // A primary's copies.
    index("activities_merged_into_idx")
      .on(table.mergedIntoId)
      .where(sql`${table.mergedIntoId} is not null`),
  ],
);

export type Activity = typeof activities.$inferSelect;
export type NewActivity = typeof activities.$inferInsert;
