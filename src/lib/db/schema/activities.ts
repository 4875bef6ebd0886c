import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("activities_provider_external_unique").on(table.userId, table.provider, table.externalId),
    // Keyset pagination newest-first, plus the filters the activity list offers.
    index("activities_user_start_idx").on(table.userId, table.startAt.desc(), table.id),
    index("activities_user_type_start_idx").on(table.userId, table.type, table.startAt.desc()),
    index("activities_user_provider_start_idx").on(table.userId, table.provider, table.startAt.desc()),
    // Forwarding rules detect conflicts by start time across accounts.
    index("activities_connection_start_idx").on(table.connectionId, table.startAt),
  ],
);

export type Activity = typeof activities.$inferSelect;
export type NewActivity = typeof activities.$inferInsert;
