import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Fixed-window counters for sign-in and sign-up attempts, keyed by account or client address.
 * In the database rather than in memory so a restart or a second app process does not reset them.
 */
export const authThrottles = pgTable("auth_throttles", {
  key: text().primaryKey(),
  attempts: integer().notNull(),
  windowEndsAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
});
