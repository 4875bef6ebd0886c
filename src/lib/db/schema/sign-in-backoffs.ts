import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { updatedAt } from "./columns";

/**
 * A provider that refused an automated sign-in with 429 or 403 (Garmin's SSO since 2026) is not
 * asked again for this person and account until `pausedUntil`; each refusal in a row doubles the
 * pause. Kept past the pause so the next refusal still doubles, and keyed by a hash of the
 * username, which is never stored in the clear.
 */
export const signInBackoffs = pgTable(
  "sign_in_backoffs",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    accountKey: text().notNull(),
    level: integer().notNull(),
    pausedUntil: timestamp({ withTimezone: true }).notNull(),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.provider, table.accountKey] })],
);

export type SignInBackoff = typeof signInBackoffs.$inferSelect;
